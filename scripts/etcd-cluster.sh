#!/usr/bin/env bash
# A 3-member etcd cluster on 127.0.0.1 for the load rig, from Debian's etcd-server package (installed when etcd is
# not on PATH; any etcd service the package starts is stopped and disabled), started and stopped by pid.
#
#   scripts/etcd-cluster.sh start            fresh data dirs, start members 0..2, wait until all are healthy
#   scripts/etcd-cluster.sh stop             SIGTERM each recorded pid (SIGKILL after a timeout)
#   scripts/etcd-cluster.sh status           which members run; exit 0 only if all run
#   scripts/etcd-cluster.sh leader           prints "leader: member N"
#   scripts/etcd-cluster.sh kill-member N    SIGKILL member N (a crash)
#   scripts/etcd-cluster.sh start-member N   start member N again on its existing data, wait until it is healthy
#   scripts/etcd-cluster.sh endpoints        prints http://127.0.0.1:port,... (client URLs)
#   scripts/etcd-cluster.sh install          install etcd-server if etcd is missing
#
# Member N (name mN) has client port ETCD_PORT_BASE+10*N and peer port +1 (defaults 12379, 12389, 12399).
# Durability: etcd's default, the WAL is fsync'd before a proposal is acknowledged; --unsafe-no-fsync is not set.
# Environment: ETCD_RUN_DIR (default run/bench/etcd), ETCD_PORT_BASE, ETCD_BIN (default etcd on PATH).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

ETCD_RUN_DIR="${ETCD_RUN_DIR:-$BENCH_RUN_DIR/etcd}"
ETCD_PORT_BASE="${ETCD_PORT_BASE:-12379}"
START_TIMEOUT_S="${ETCD_START_TIMEOUT_S:-60}"
MEMBERS=(0 1 2)
PATTERN="etcd --name m"

usage()
{
    echo "usage: $(basename "$0") start|stop|status|leader|endpoints|install|kill-member N|start-member N" >&2
    exit 2
}

client_port() { echo $((ETCD_PORT_BASE + 10 * $1)); }
peer_port() { echo $((ETCD_PORT_BASE + 10 * $1 + 1)); }
client_url() { echo "http://127.0.0.1:$(client_port "$1")"; }
pid_file() { echo "$ETCD_RUN_DIR/member-$1.pid"; }
log_file() { echo "$ETCD_RUN_DIR/member-$1.log"; }
live_pid() { bench_live_pid "$(pid_file "$1")" "$PATTERN"; }

install()
{
    if [[ -n "${ETCD_BIN:-}" ]] || command -v etcd >/dev/null 2>&1; then
        return 0
    fi
    echo "etcd not found: installing Debian's etcd-server" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q etcd-server >&2 || { apt-get update -q >&2 && apt-get install -y -q etcd-server >&2; } ||
        bench_die "cannot install etcd-server"
    # The package may start its own etcd service on the default ports: stop and disable it.
    if command -v systemctl >/dev/null 2>&1; then
        systemctl disable --now etcd >/dev/null 2>&1 || true
    fi
    if command -v service >/dev/null 2>&1; then
        service etcd stop >/dev/null 2>&1 || true
    fi
    if command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d etcd disable >/dev/null 2>&1 || true
    fi
    command -v etcd >/dev/null 2>&1 || bench_die "etcd still not on PATH after installing etcd-server"
}

etcd_bin() { echo "${ETCD_BIN:-$(command -v etcd)}"; }

initial_cluster()
{
    local id
    local parts=()
    for id in "${MEMBERS[@]}"; do
        parts+=("m$id=http://127.0.0.1:$(peer_port "$id")")
    done
    (IFS=,; echo "${parts[*]}")
}

# POST to a member's grpc-gateway; prints the JSON answer (empty on failure).
gateway_post()
{
    curl -s --max-time 2 -X POST "$(client_url "$1")$2" -d "${3:-{\}}" 2>/dev/null || true
}

is_healthy() { curl -s --max-time 2 "$(client_url "$1")/health" 2>/dev/null | grep -q '"health":"true"'; }

launch_member()
{
    local id="$1"
    local state="$2"
    [[ -z "$(live_pid "$id")" ]] || bench_die "member $id is already running (pid $(live_pid "$id"))"
    mkdir -p "$ETCD_RUN_DIR/member-$id"
    nohup "$(etcd_bin)" --name "m$id" \
        --data-dir "$ETCD_RUN_DIR/member-$id" \
        --listen-client-urls "$(client_url "$id")" \
        --advertise-client-urls "$(client_url "$id")" \
        --listen-peer-urls "http://127.0.0.1:$(peer_port "$id")" \
        --initial-advertise-peer-urls "http://127.0.0.1:$(peer_port "$id")" \
        --initial-cluster "$(initial_cluster)" \
        --initial-cluster-state "$state" \
        --initial-cluster-token warden-bench \
        --log-level warn --logger zap \
        >> "$(log_file "$id")" 2>&1 < /dev/null &
    echo "$!" > "$(pid_file "$id")"
    echo "member $id: pid $! client $(client_url "$id") log $(log_file "$id")"
}

await_healthy()
{
    local id="$1"
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until is_healthy "$id"; do
        if [[ -z "$(live_pid "$id")" ]]; then
            echo "member $id exited during start; last lines of $(log_file "$id"):" >&2
            tail -n 30 "$(log_file "$id")" >&2 || true
            return 1
        fi
        if (( SECONDS >= deadline )); then
            echo "member $id is not healthy after ${START_TIMEOUT_S}s; last lines of $(log_file "$id"):" >&2
            tail -n 30 "$(log_file "$id")" >&2 || true
            return 1
        fi
        sleep 0.2
    done
}

start()
{
    install
    local id
    for id in "${MEMBERS[@]}"; do
        [[ -z "$(live_pid "$id")" ]] || bench_die "member $id is already running (pid $(live_pid "$id")); stop first"
        if bench_port_open "$(client_port "$id")" || bench_port_open "$(peer_port "$id")"; then
            bench_die "port $(client_port "$id") or $(peer_port "$id") is in use by another process"
        fi
    done
    rm -rf -- "$ETCD_RUN_DIR"
    mkdir -p "$ETCD_RUN_DIR"
    for id in "${MEMBERS[@]}"; do
        launch_member "$id" new
    done
    for id in "${MEMBERS[@]}"; do
        await_healthy "$id" || { stop; exit 1; }
    done
    echo "cluster started ($("$(etcd_bin)" --version | head -1)); endpoints: $(endpoints)"
}

stop()
{
    bench_stop_members "$PATTERN"
}

status()
{
    local id
    local running=0
    for id in "${MEMBERS[@]}"; do
        local pid
        pid="$(live_pid "$id")"
        if [[ -n "$pid" ]]; then
            echo "member $id: running, pid $pid, $(is_healthy "$id" && echo healthy || echo unhealthy)"
            running=$((running + 1))
        else
            echo "member $id: stopped"
        fi
    done
    [[ "$running" -eq "${#MEMBERS[@]}" ]]
}

# The leader: each live member's status names the leader's member id; map it to our member number.
leader()
{
    local id
    local -A number_by_member_id=()
    local leader_member_id=""
    for id in "${MEMBERS[@]}"; do
        [[ -n "$(live_pid "$id")" ]] || continue
        local answer
        answer="$(gateway_post "$id" /v3/maintenance/status)"
        local member_id leader_id
        member_id="$(sed -n 's/.*"member_id":"\([0-9]*\)".*/\1/p' <<< "$answer")"
        leader_id="$(sed -n 's/.*"leader":"\([0-9]*\)".*/\1/p' <<< "$answer")"
        [[ -n "$member_id" ]] && number_by_member_id["$member_id"]="$id"
        [[ -n "$leader_id" && "$leader_id" != "0" ]] && leader_member_id="$leader_id"
    done
    if [[ -n "$leader_member_id" && -n "${number_by_member_id[$leader_member_id]:-}" ]]; then
        echo "leader: member ${number_by_member_id[$leader_member_id]}"
        return 0
    fi
    echo "no leader found" >&2
    return 1
}

endpoints()
{
    local id
    local parts=()
    for id in "${MEMBERS[@]}"; do
        parts+=("$(client_url "$id")")
    done
    (IFS=,; echo "${parts[*]}")
}

kill_member()
{
    local id="$1"
    local pid
    pid="$(live_pid "$id")"
    [[ -n "$pid" ]] || bench_die "member $id is not running"
    kill -KILL "$pid"
    while bench_is_pid "$pid" "$PATTERN"; do sleep 0.05; done
    echo "member $id: killed pid $pid"
}

start_member()
{
    local id="$1"
    [[ -d "$ETCD_RUN_DIR/member-$id" ]] || bench_die "member $id has no data; run start first"
    launch_member "$id" existing
    await_healthy "$id"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    leader) leader ;;
    endpoints) endpoints ;;
    install) install ;;
    kill-member) [[ $# -eq 1 && "$1" =~ ^[0-2]$ ]] || usage; kill_member "$1" ;;
    start-member) [[ $# -eq 1 && "$1" =~ ^[0-2]$ ]] || usage; start_member "$1" ;;
    *) usage ;;
esac
