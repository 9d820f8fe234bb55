#!/bin/sh
# Runs the whole pipeline locally without Docker: builds the services, then starts a real Kafka broker
# (KRaft, port 9092, data in ./.local) and all seven services against PostgreSQL on localhost:5432.
# Pass --fresh to start from an empty broker and database, --one-jvm to run the seven services in one JVM
# (less CPU and memory on a small machine; docs/architecture.md). Ctrl-C stops everything.
set -e
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
JAVA_HOME="$(.mvn/jdk.sh)"
exec "$JAVA_HOME/bin/java" -Dpostline.root="$(pwd)" -jar local-stack/target/local-stack.jar "$@"
