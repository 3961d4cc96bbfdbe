#!/usr/bin/env bash
# Gateway throughput with the audit log on against off, in one run (docs/benchmarks.md).
# Usage: benchmarks/run-audit.sh [threads=32] [seconds=8] [rounds=3] [warm-seconds=10]; MVN_OFFLINE=-o builds offline.
set -euo pipefail
BENCH_MAIN=io.athena.bench.gateway.AuditBench exec "$(dirname "$0")/run-gateway.sh" "$@"
