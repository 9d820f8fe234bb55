#!/bin/sh
# Runs one benchmark program and prints its report (docs/benchmarks.md).
# Usage: benchmarks/run.sh iso20022-mapping [messages] [warm-up]
#        benchmarks/run.sh rules [transactions] [warm-up]
set -e
cd "$(dirname "$0")/.."
case "${1:-}" in
  iso20022-mapping) main=io.postline.benchmarks.Iso20022MappingBenchmark ;;
  rules)            main=io.postline.benchmarks.RuleEvaluationBenchmark ;;
  *) echo "usage: benchmarks/run.sh iso20022-mapping|rules [count] [warm-up]" >&2; exit 2 ;;
esac
shift
./mvnw -q -DskipTests -pl benchmarks -am package
JAVA_HOME="$(.mvn/jdk.sh)"
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" "$main" "$@"
