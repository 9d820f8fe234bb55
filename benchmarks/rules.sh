#!/bin/sh
# Rule evaluation benchmark (docs/benchmarks.md).
# Usage: benchmarks/rules.sh [transactions, default 200000] [warm-up, default 100000]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests -pl benchmarks -am package
JAVA_HOME="$(.mvn/jdk.sh)"
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  io.postline.benchmarks.RuleEvaluationBenchmark "$@"
