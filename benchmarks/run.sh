#!/bin/sh
# Runs one benchmark program and prints its report (docs/benchmarks.md).
# Usage: benchmarks/run.sh iso20022-mapping [messages] [warm-up]
#        benchmarks/run.sh rules [transactions] [warm-up]
#        benchmarks/run.sh batch-file [rows] [warm-up rows] [held|streamed]   the whole pipeline on this machine (default 1,000,000 rows after min(rows/4, 50,000), held for a release)
#        benchmarks/run.sh uuid-arrays [statements] [ids per statement]   a uuid[] parameter as text[] against binary, client and server CPU per id
#        benchmarks/run.sh rest-load [full|short|<7 or 8 numbers>]   open-model REST load: latency, throughput, Kafka baseline
set -e
cd "$(dirname "$0")/.."
case "${1:-}" in
  iso20022-mapping) main=io.postline.benchmarks.Iso20022MappingBenchmark ;;
  rules)            main=io.postline.benchmarks.RuleEvaluationBenchmark ;;
  batch-file)       main=io.postline.benchmarks.BatchFileBenchmark ;;
  rest-load)        main=io.postline.benchmarks.RestLoadBenchmark ;;
  uuid-arrays)      main=io.postline.benchmarks.UuidArrayBenchmark ;;
  *) echo "usage: benchmarks/run.sh iso20022-mapping|rules|batch-file|rest-load|uuid-arrays [count|full|short] [warm-up]" >&2; exit 2 ;;
esac
shift
if [ "$main" = io.postline.benchmarks.BatchFileBenchmark ] || [ "$main" = io.postline.benchmarks.RestLoadBenchmark ]; then
  ./mvnw -q -DskipTests package            # every service jar: the benchmark starts the whole stack
else
  ./mvnw -q -DskipTests -pl benchmarks -am package
fi
JAVA_HOME="$(.mvn/jdk.sh)"
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx2g -Dpostline.root="$(pwd)" \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" "$main" "$@"
