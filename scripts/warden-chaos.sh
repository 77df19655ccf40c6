#!/usr/bin/env bash
# Run the fault-injection suite (io.warden.bench.chaos.scenario.ChaosRunner) against real node, gateway and client
# processes on 127.0.1.x, building benchmark/target/warden-bench.jar and the node and gateway jars when missing.
#
#   scripts/warden-chaos.sh                          # the fast tier, F0-F10, F5n and F10n (what mvn verify runs)
#   scripts/warden-chaos.sh --soak --minutes 30      # the soak tier: random combined nemesis rounds for ~30 min,
#                                                    # then 1,000 watchers across failovers, then leadership flapping,
#                                                    # then the clock-step matrix and its wall-clock negative control
#   scripts/warden-chaos.sh --scenario S4,S4n        # only the clock-step matrix (about 4 minutes)
#   scripts/warden-chaos.sh --scenario F6,S1.1 --seed 42
#   scripts/warden-chaos.sh --list
#
# Seeds are printed; scenario i of a run gets seed+i, and --scenario ID --seed S reruns one exactly. Every scenario
# prints one line and the run ends with "N passed, N failed"; failed runs keep their history, audit stream and node
# logs under target/chaos/<scenario>/<seed>/ (relative to the working directory). Partitions and loss need root and
# iptables (scenarios needing them are skipped, loudly, otherwise); real wall-clock steps need libfaketime
# (apt-get install libfaketime; without it they go through the node's offset file, loudly). Exit status 0 when
# nothing failed.
# Environment: WARDEN_BENCH_JAR (default benchmark/target/warden-bench.jar), WARDEN_CHAOS_JAVA_OPTS (default
# "-Xms256m -Xmx3g"), JAVA.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${WARDEN_BENCH_JAR:-$ROOT/benchmark/target/warden-bench.jar}"
JAVA="${JAVA:-java}"

if [[ ! -f "$JAR" || ! -f "$ROOT/cluster-node/target/warden-node.jar" || ! -f "$ROOT/client-gateway/target/warden.jar" ]]; then
    echo "building the jars ..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl benchmark -am package >&2) ||
        { echo "$(basename "$0"): build failed" >&2; exit 1; }
fi

read -r -a java_opts <<< "${WARDEN_CHAOS_JAVA_OPTS:--Xms256m -Xmx3g}"
exec "$JAVA" --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED \
    -XX:+ExitOnOutOfMemoryError \
    "${java_opts[@]}" -cp "$JAR" io.warden.bench.chaos.scenario.ChaosRunner "$@"
