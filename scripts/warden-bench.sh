#!/usr/bin/env bash
# Run the load rig (io.warden.bench.LoadRig) from benchmark/target/warden-bench.jar, building it when missing.
#
#   scripts/warden-bench.sh --targets warden,aeron-echo,zookeeper,etcd --quick
#   scripts/warden-bench.sh --targets warden,zookeeper --workloads kv-put,kv-get --clients 32 --duration 10s
#   scripts/warden-bench.sh --help
#
# Every target runs on 127.0.0.1 as real processes started and stopped by pid (warden: scripts/warden-cluster.sh
# with a private config copy; aeron-echo: three echo node JVMs; zookeeper: scripts/zookeeper-ensemble.sh; etcd:
# scripts/etcd-cluster.sh, which installs Debian's etcd-server when etcd is missing). Reports go to --out
# (default results/<timestamp>): summary.txt, summary.json, one .hgrm per histogram and report.html.
# Environment: WARDEN_BENCH_JAR (default benchmark/target/warden-bench.jar), WARDEN_BENCH_JAVA_OPTS (default
# "-Xms256m -Xmx2g"), JAVA.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${WARDEN_BENCH_JAR:-$ROOT/benchmark/target/warden-bench.jar}"
JAVA="${JAVA:-java}"

if [[ ! -f "$JAR" ]]; then
    echo "building $JAR ..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl benchmark -am package >&2) ||
        { echo "$(basename "$0"): build failed" >&2; exit 1; }
fi

read -r -a java_opts <<< "${WARDEN_BENCH_JAVA_OPTS:--Xms256m -Xmx2g}"
exec "$JAVA" --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED \
    -XX:+ExitOnOutOfMemoryError \
    "${java_opts[@]}" -cp "$JAR" io.warden.bench.LoadRig --repo "$ROOT" "$@"
