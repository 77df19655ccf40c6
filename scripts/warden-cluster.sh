#!/usr/bin/env bash
# A local 3-node Warden cluster and a gateway on loopback, in the background.
#
#   scripts/warden-cluster.sh start  [--profile ci|baremetal|FILE] [--cluster FILE] [--no-gateway]
#   scripts/warden-cluster.sh stop
#   scripts/warden-cluster.sh status
#   scripts/warden-cluster.sh leader
#   scripts/warden-cluster.sh secret
#
# start   builds the jar if missing, then runs scripts/warden-node.sh for nodes 0..2 (config/node-N.properties)
#         with logs in run/node-N.log, pids in run/node-N.pid and resolved configs in run/node-N.config, and waits
#         until every node has printed "node N started". Default profile: ci. A start that fails (a node or the
#         gateway exits or does not come up in $WARDEN_START_TIMEOUT_S seconds, a port in use, Ctrl-C) stops
#         everything it started and removes their pid files before it exits non-zero.
# stop    SIGTERM to every recorded pid, SIGKILL after $WARDEN_STOP_TIMEOUT_S (default 20) seconds, then removes
#         each node's aeron directory under /dev/shm. Cluster and archive data under run/ are kept (delete
#         run/ for a fresh cluster).
# status  which recorded pids are alive; exit status 0 only if every node runs.
# secret  writes the cell's secret file ($WARDEN_SECRET_FILE, default run/cell.secret, mode 600) unless it exists and
#         prints its path; start does this too. Nodes admit only gateways and operator tools that prove it (README:
#         Security); for a multi-host cell write it once and copy it to every host.
# leader  asks each running node with Aeron's ClusterTool list-members and prints the leader's member id.
# The gateway (config/gateway.properties; clients connect to its warden.gateway.request.endpoint, 127.0.0.1:7000 by
# default) starts after the nodes, logs to run/gateway-0.log and stops before them; --no-gateway leaves it out.
# Node ids: $WARDEN_NODE_IDS (default "0 1 2").
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a NODE_IDS <<< "${WARDEN_NODE_IDS:-0 1 2}"
STOP_TIMEOUT_S="${WARDEN_STOP_TIMEOUT_S:-20}"
START_TIMEOUT_S="${WARDEN_START_TIMEOUT_S:-60}"

usage()
{
    echo "usage: $(basename "$0") start|stop|status|leader|secret [--profile ci|baremetal|FILE] [--cluster FILE] [--no-gateway]" >&2
    exit 2
}

pid_file() { echo "$WARDEN_RUN_DIR/node-$1.pid"; }
GATEWAY_PID_FILE="$WARDEN_RUN_DIR/gateway-0.pid"
GATEWAY_LOG_FILE="$WARDEN_RUN_DIR/gateway-0.log"
log_file() { echo "$WARDEN_RUN_DIR/node-$1.log"; }
config_file() { echo "$WARDEN_RUN_DIR/node-$1.config"; }

# The recorded pid of a node if it is alive, else nothing.
live_pid()
{
    local file
    file="$(pid_file "$1")"
    [[ -r "$file" ]] || return 0
    local pid
    pid="$(< "$file")"
    if warden_is_node_pid "$pid"; then
        echo "$pid"
    fi
}

start()
{
    local profile="$1"
    local cluster_file="$2"
    local profile_file
    profile_file="$(warden_profile_file "$profile")"
    [[ -r "$cluster_file" ]] || warden_die "cluster file not readable: $cluster_file"

    warden_ensure_jar
    mkdir -p "$WARDEN_RUN_DIR/lib"
    warden_write_secret "$WARDEN_SECRET_FILE"
    # Run from copies, so that rebuilding (mvn package) while the cluster runs cannot swap classes under it.
    cp -f "$WARDEN_JAR" "$WARDEN_RUN_DIR/lib/warden-node.jar"
    export WARDEN_JAR="$WARDEN_RUN_DIR/lib/warden-node.jar"

    local id
    for id in "${NODE_IDS[@]}"; do
        if [[ -n "$(live_pid "$id")" ]]; then
            warden_die "node $id is already running (pid $(live_pid "$id")); stop first"
        fi
    done
    if [[ "$with_gateway" == "yes" && -n "$(gateway_pid)" ]]; then
        warden_die "the gateway is already running (pid $(gateway_pid)); stop first"
    fi

    # From here on every node and gateway that runs was started by this call: if it does not finish, stop them all.
    trap start_failed EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    for id in "${NODE_IDS[@]}"; do
        local node_file
        node_file="$(warden_node_file "$id")"
        (cd "$WARDEN_ROOT" && warden_print_config "$cluster_file" "$node_file" "$profile_file") > "$(config_file "$id")" ||
            warden_die "invalid configuration for node $id"

        nohup "$SCRIPT_DIR/warden-node.sh" --cluster "$cluster_file" "$node_file" "$profile_file" \
            > "$(log_file "$id")" 2>&1 < /dev/null &
        echo "$!" > "$(pid_file "$id")"
        echo "node $id: pid $! log $(log_file "$id")"
    done

    local deadline=$((SECONDS + START_TIMEOUT_S))
    for id in "${NODE_IDS[@]}"; do
        until grep -q "^node $id started" "$(log_file "$id")" 2>/dev/null; do
            if [[ -z "$(live_pid "$id")" ]]; then
                echo "node $id exited during start; last lines of $(log_file "$id"):" >&2
                tail -n 20 "$(log_file "$id")" >&2 || true
                exit 1
            fi
            if (( SECONDS >= deadline )); then
                echo "node $id did not start within ${START_TIMEOUT_S}s" >&2
                exit 1
            fi
            sleep 0.2
        done
    done

    echo "cluster started (profile ${profile:-none}); ingress endpoints:" \
        "$(warden_config_value "$(config_file "${NODE_IDS[0]}")" derived.ingress.endpoints)"

    if [[ "$with_gateway" == "yes" ]]; then
        start_gateway "$cluster_file" "$profile_file"
    fi
    trap - EXIT INT TERM
}

# The EXIT trap of a start that did not finish: stop whatever it started, then exit with its status.
start_failed()
{
    local status=$?
    trap - EXIT INT TERM
    echo "start failed (status $status): stopping what it started" >&2
    stop >&2 || true
    exit "$(( status == 0 ? 1 : status ))"
}

gateway_pid()
{
    [[ -r "$GATEWAY_PID_FILE" ]] || return 0
    local pid
    pid="$(< "$GATEWAY_PID_FILE")"
    if warden_is_gateway_pid "$pid"; then
        echo "$pid"
    fi
}

start_gateway()
{
    local cluster_file="$1"
    local profile_file="$2"
    warden_ensure_client_jar
    [[ -z "$(gateway_pid)" ]] || warden_die "the gateway is already running (pid $(gateway_pid))"
    mkdir -p "$WARDEN_RUN_DIR/lib"
    cp -f "$WARDEN_CLIENT_JAR" "$WARDEN_RUN_DIR/lib/warden.jar"
    export WARDEN_CLIENT_JAR="$WARDEN_RUN_DIR/lib/warden.jar"
    local files=("$WARDEN_CONFIG_DIR/gateway.properties")
    nohup "$SCRIPT_DIR/warden-gateway.sh" --cluster "$cluster_file" "${files[@]}" \
        > "$GATEWAY_LOG_FILE" 2>&1 < /dev/null &
    echo "$!" > "$GATEWAY_PID_FILE"
    echo "gateway: pid $! log $GATEWAY_LOG_FILE"
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until grep -q "^gateway 0 started" "$GATEWAY_LOG_FILE" 2>/dev/null; do
        if [[ -z "$(gateway_pid)" ]]; then
            echo "the gateway exited during start; last lines of $GATEWAY_LOG_FILE:" >&2
            tail -n 20 "$GATEWAY_LOG_FILE" >&2 || true
            exit 1
        fi
        if (( SECONDS >= deadline )); then
            echo "the gateway did not start within ${START_TIMEOUT_S}s" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "gateway started; clients connect to" \
        "$(grep -m1 '^warden.gateway.request.endpoint=' "$WARDEN_CONFIG_DIR/gateway.properties" | cut -d= -f2)" \
        "with the credential in config/gateway.properties; try: scripts/warden status"
    echo "user authentication is OFF in this local cell: any client with that credential may use every key, lock" \
        "and election; see README, Security, to add users and run scripts/warden auth enable"
}

stop_gateway()
{
    local pid
    pid="$(gateway_pid)"
    if [[ -n "$pid" ]]; then
        echo "gateway: SIGTERM pid $pid"
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + STOP_TIMEOUT_S))
        while warden_is_gateway_pid "$pid"; do
            if (( SECONDS >= deadline )); then
                echo "gateway: still alive after ${STOP_TIMEOUT_S}s, SIGKILL pid $pid"
                kill -KILL "$pid" 2>/dev/null || true
                sleep 0.5
                break
            fi
            sleep 0.2
        done
        echo "gateway: stopped"
    fi
    rm -f -- "$GATEWAY_PID_FILE"
    rm -rf -- /dev/shm/warden/gateway-0
    rmdir -- /dev/shm/warden 2>/dev/null || true
}

# Remove a node's aeron directory, and its parent if that is left empty.
clean_aeron_dir()
{
    local id="$1"
    local file
    file="$(config_file "$id")"
    [[ -r "$file" ]] || return 0

    local aeron_dir
    # a config left unfinished by a failed start names no directory: nothing to remove
    aeron_dir="$(warden_config_value "$file" warden.node.aeron.dir 2>/dev/null)" || return 0
    if [[ -n "$aeron_dir" && -d "$aeron_dir" ]]; then
        rm -rf -- "$aeron_dir"
        echo "node $id: removed $aeron_dir"
    fi
    rmdir -- "$(dirname "$aeron_dir")" 2>/dev/null || true
}

stop()
{
    stop_gateway
    local id
    local pids=()
    for id in "${NODE_IDS[@]}"; do
        local pid
        pid="$(live_pid "$id")"
        if [[ -n "$pid" ]]; then
            echo "node $id: SIGTERM pid $pid"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$id:$pid")
        fi
    done

    local deadline=$((SECONDS + STOP_TIMEOUT_S))
    local entry
    for entry in "${pids[@]}"; do
        id="${entry%%:*}"
        local pid="${entry#*:}"
        while warden_is_node_pid "$pid"; do
            if (( SECONDS >= deadline )); then
                echo "node $id: still alive after ${STOP_TIMEOUT_S}s, SIGKILL pid $pid"
                kill -KILL "$pid" 2>/dev/null || true
                sleep 0.5
                break
            fi
            sleep 0.2
        done
        echo "node $id: stopped"
    done

    for id in "${NODE_IDS[@]}"; do
        rm -f -- "$(pid_file "$id")"
        clean_aeron_dir "$id"
    done
}

status()
{
    local id
    local running=0
    for id in "${NODE_IDS[@]}"; do
        local pid
        pid="$(live_pid "$id")"
        if [[ -n "$pid" ]]; then
            echo "node $id: running, pid $pid"
            running=$((running + 1))
        elif [[ -r "$(pid_file "$id")" ]]; then
            echo "node $id: dead (stale pid file $(pid_file "$id"), pid $(< "$(pid_file "$id")"))"
        else
            echo "node $id: stopped"
        fi
    done

    if [[ -n "$(gateway_pid)" ]]; then
        echo "gateway: running, pid $(gateway_pid)"
    else
        echo "gateway: stopped"
    fi

    [[ "$running" -eq "${#NODE_IDS[@]}" ]]
}

leader()
{
    local id
    local leader_id=""
    for id in "${NODE_IDS[@]}"; do
        if [[ -z "$(live_pid "$id")" ]]; then
            echo "node $id: not running"
            continue
        fi

        local cluster_dir
        cluster_dir="$(warden_config_value "$(config_file "$id")" warden.node.cluster.dir)"
        local output
        if output="$(warden_java -cp "$WARDEN_JAR" io.aeron.cluster.ClusterTool "$cluster_dir" list-members 2>&1)"; then
            if [[ "$output" =~ leaderMemberId=(-?[0-9]+) ]]; then
                local seen="${BASH_REMATCH[1]}"
                echo "node $id: sees leader $seen"
                if [[ "$seen" -ge 0 ]]; then
                    leader_id="$seen"
                fi
            else
                echo "node $id: $output"
            fi
        else
            echo "node $id: list-members failed: $output"
        fi
    done

    if [[ -z "$leader_id" ]]; then
        echo "no leader found" >&2
        return 1
    fi
    echo "leader: node $leader_id"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift

profile="ci"
cluster_file="$WARDEN_CLUSTER_FILE"
with_gateway="yes"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-gateway)
            with_gateway="no"
            shift
            ;;
        --profile)
            [[ $# -ge 2 ]] || usage
            profile="$2"
            shift 2
            ;;
        --cluster)
            [[ $# -ge 2 ]] || usage
            cluster_file="$2"
            shift 2
            ;;
        *)
            usage
            ;;
    esac
done

case "$command" in
    start) start "$profile" "$(realpath -e "$cluster_file")" ;;
    stop) stop ;;
    status) status ;;
    leader) warden_ensure_jar; leader ;;
    secret) warden_write_secret "$WARDEN_SECRET_FILE"; realpath -e "$WARDEN_SECRET_FILE" ;;
    *) usage ;;
esac
