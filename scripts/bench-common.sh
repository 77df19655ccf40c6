# shellcheck shell=bash
# Shared by the benchmark's peer-cluster scripts (zookeeper-ensemble.sh, etcd-cluster.sh); sourced, never run.
#   WARDEN_BENCH_RUN_DIR  data, logs and pid files of the peer clusters (default run/bench)

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034 # used by the scripts that source this file
BENCH_RUN_DIR="${WARDEN_BENCH_RUN_DIR:-$BENCH_ROOT/run/bench}"
BENCH_JAR="${WARDEN_BENCH_JAR:-$BENCH_ROOT/benchmark/target/warden-bench.jar}"
BENCH_STOP_TIMEOUT_S="${WARDEN_BENCH_STOP_TIMEOUT_S:-15}"

bench_die()
{
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# Build the shaded benchmark jar if it is missing.
bench_ensure_jar()
{
    if [[ ! -f "$BENCH_JAR" ]]; then
        echo "building $BENCH_JAR ..." >&2
        (cd "$BENCH_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl benchmark -am package >&2) ||
            bench_die "build failed"
        [[ -f "$BENCH_JAR" ]] || bench_die "build did not produce $BENCH_JAR"
    fi
}

# Is this pid alive and is its command line matching the pattern (guards against pid reuse)?
bench_is_pid()
{
    local pid="$1"
    local pattern="$2"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 0
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$pattern"
}

# The pid in a pid file if it is alive and matches the pattern, else nothing.
bench_live_pid()
{
    local file="$1"
    local pattern="$2"
    [[ -r "$file" ]] || return 0
    local pid
    pid="$(< "$file")"
    if bench_is_pid "$pid" "$pattern"; then
        echo "$pid"
    fi
}

# SIGTERM a pid, SIGKILL it after the stop timeout: bench_stop_pid <pid> <pattern> <name>
bench_stop_pid()
{
    local pid="$1"
    local pattern="$2"
    local name="$3"
    echo "$name: SIGTERM pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + BENCH_STOP_TIMEOUT_S))
    while bench_is_pid "$pid" "$pattern"; do
        if (( SECONDS >= deadline )); then
            echo "$name: still alive after ${BENCH_STOP_TIMEOUT_S}s, SIGKILL pid $pid"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
    echo "$name: stopped"
}

# Stop every member of a peer cluster and forget its pid file: bench_stop_members <pattern>. The sourcing script
# defines MEMBERS, live_pid <id> and pid_file <id>.
bench_stop_members()
{
    local pattern="$1"
    local id
    for id in "${MEMBERS[@]}"; do
        local pid
        pid="$(live_pid "$id")"
        if [[ -n "$pid" ]]; then
            bench_stop_pid "$pid" "$pattern" "member $id"
        fi
        rm -f -- "$(pid_file "$id")"
    done
}

# Is a TCP port on 127.0.0.1 accepting connections?
bench_port_open()
{
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
