#!/usr/bin/env bash
# Job queue benchmark: Athena's PostgreSQL job store against db-scheduler (lock-and-fetch) on one
# embedded PostgreSQL 15, in one run. Prints a table of no-op jobs/s submitted-and-completed.
#
#   benchmarks/run-jobs.sh                     # 20 000 jobs, 8 workers, 3 rounds
#   benchmarks/run-jobs.sh --jobs 50000 --rounds 5
#
# Options go to io.athena.benchmarks.JobQueueBenchmark: --jobs --workers --rounds --warmup
# --poll-ms --pool. Set MVN_OFFLINE=-o to build without the network.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
offline="${MVN_OFFLINE:-}"

# The benchmark uses the Athena artifacts of this checkout, installed into the local repository.
mvn -B -q $offline -pl athena-spi,athena-core,athena-testkit,athena-adapters/athena-postgres -am \
  install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true

cd benchmarks/jobs
mvn -B -q $offline compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec java -Xms512m -Xmx1g -Dbench.commit="$commit" \
  -cp "target/classes:$(cat target/classpath.txt)" io.athena.benchmarks.JobQueueBenchmark "$@"
