# One image recipe for every service, chosen by MODULE:
#   docker build --build-arg MODULE=dedup-service -t postline/dedup-service .
# docker compose builds all seven this way. Build stage: the Maven wrapper with a JDK 21; runtime: a JRE, a
# non-root user, container-aware memory flags, and a health check on the readiness group.
ARG MODULE=auth-ingest-service

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B -DskipTests -pl ${MODULE} -am package \
 && mkdir -p /out/healthcheck \
 && cp ${MODULE}/target/${MODULE}-exec.jar /out/app.jar \
 && javac --release 21 -d /out/healthcheck deploy/docker/HealthCheck.java

FROM eclipse-temurin:21-jre
ARG MODULE
LABEL org.opencontainers.image.title="postline-${MODULE}" \
      org.opencontainers.image.source="https://github.com/postline/postline"
RUN groupadd --system --gid 10001 postline && useradd --system --uid 10001 --gid 10001 postline
WORKDIR /app
COPY --from=build --chown=10001:10001 /out/ /app/
USER 10001:10001
# Size the heap from the container's memory limit, not the host's; die on OOM so the orchestrator restarts us.
ENV JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
# MANAGEMENT_SERVER_PORT is set per service (compose, Helm); the probe reads it.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 CMD ["java", "-cp", "/app/healthcheck", "HealthCheck"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
