#!/usr/bin/env bash
# Gateway read throughput beside direct JDBC, cached and uncached, in one run (docs/benchmarks.md).
# Usage: benchmarks/run-gateway.sh [threads=32] [seconds=10] [warm-seconds=20]
#
# Builds this checkout's modules in place and runs the benchmark on their classes: nothing is
# installed into the local Maven repository, so other checkouts on the machine are not affected.
# Set MVN_OFFLINE=-o to build without the network.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
offline="${MVN_OFFLINE:-}"
out="$root/benchmarks/gateway/target"
mkdir -p "$out/classes"

# athena-servlet's test classpath holds every module and library the benchmark needs (core,
# postgres, redis, testkit, Jetty, embedded Redis, logback); its modules resolve to target/classes.
mvn -B -q $offline -pl athena-adapters/athena-servlet -am compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" \
  -Dspotless.check.skip=true -Djacoco.skip=true
classpath="$root/athena-adapters/athena-servlet/target/classes:$(cat "$out/classpath.txt")"

javac --release 17 -nowarn -d "$out/classes" -cp "$classpath" \
  $(find benchmarks/gateway/src/main/java -name '*.java')
cp -r benchmarks/gateway/src/main/resources/. "$out/classes/"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "commit $commit, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
# BENCH_MAIN picks another benchmark of the module (run-audit.sh: AuditBench)
exec java -Xmx256m -cp "$out/classes:$classpath" "${BENCH_MAIN:-io.athena.bench.gateway.GatewayBench}" "$@"
