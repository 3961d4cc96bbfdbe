#!/usr/bin/env bash
# Gateway throughput with the audit log on against off, in one run (docs/benchmarks.md).
# Usage: benchmarks/run-audit.sh [threads=32] [seconds=8] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp ${MVN_OFFLINE:-} install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
MAVEN_OPTS="${MAVEN_OPTS:--Xmx256m}" \
  mvn -B -q -ntp ${MVN_OFFLINE:-} -f benchmarks/gateway/pom.xml compile exec:java \
  -Dexec.mainClass=io.athena.bench.gateway.AuditBench \
  -Dexec.args="${1:-32} ${2:-8} ${3:-3}"
