# One image recipe for every service: docker build --build-arg MODULE=dedup-service .
# (Minimal for now; issue 8 adds Jib images, health checks and the full compose file.)
ARG MODULE
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:21-jre
ARG MODULE
RUN useradd --system --uid 10001 postline
COPY --from=build /src/${MODULE}/target/${MODULE}-exec.jar /app/app.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
