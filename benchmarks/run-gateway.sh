#!/usr/bin/env bash
# Gateway read throughput beside direct JDBC, in one run (docs/benchmarks.md).
# Usage: benchmarks/run-gateway.sh [threads=32] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
MAVEN_OPTS="${MAVEN_OPTS:--Xmx256m}" \
  mvn -B -q -ntp -f benchmarks/gateway/pom.xml compile exec:java -Dexec.args="${1:-32} ${2:-10}"
