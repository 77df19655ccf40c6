#!/usr/bin/env bash
# A 3-member ZooKeeper ensemble on 127.0.0.1 for the load rig: three QuorumPeerMain JVMs from the ZooKeeper server
# jars inside benchmark/target/warden-bench.jar (built when missing), started and stopped by pid.
#
#   scripts/zookeeper-ensemble.sh start            fresh data dirs, start members 0..2, wait for a leader
#   scripts/zookeeper-ensemble.sh stop             SIGTERM each recorded pid (SIGKILL after a timeout)
#   scripts/zookeeper-ensemble.sh status           which members run and their mode; exit 0 only if all run
#   scripts/zookeeper-ensemble.sh leader           prints "leader: member N"
#   scripts/zookeeper-ensemble.sh kill-member N    SIGKILL member N (a crash)
#   scripts/zookeeper-ensemble.sh start-member N   start member N again on its existing data, wait until it serves
#   scripts/zookeeper-ensemble.sh connect-string   prints host:port,host:port,host:port
#
# Member N is server id N+1 with client port ZK_PORT_BASE+10*N, quorum port +1, election port +2 (defaults 12180,
# 12190, 12200). Settings: tickTime 2000 ms, forceSync=yes (the transaction log is fsync'd before an ack),
# minSessionTimeout 1000 ms (so session timeouts below 2 x tickTime are honoured), four-letter words srvr/ruok/mntr.
# Environment: ZK_RUN_DIR (default run/bench/zookeeper), ZK_PORT_BASE, ZK_CLASSPATH (default the bench jar),
# ZK_JAVA_OPTS (default "-Xms128m -Xmx256m"), ZK_FORCE_SYNC (yes|no, default yes), JAVA.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

ZK_RUN_DIR="${ZK_RUN_DIR:-$BENCH_RUN_DIR/zookeeper}"
ZK_PORT_BASE="${ZK_PORT_BASE:-12180}"
ZK_FORCE_SYNC="${ZK_FORCE_SYNC:-yes}"
ZK_MAIN="org.apache.zookeeper.server.quorum.QuorumPeerMain"
JAVA="${JAVA:-java}"
START_TIMEOUT_S="${ZK_START_TIMEOUT_S:-60}"
MEMBERS=(0 1 2)

usage()
{
    echo "usage: $(basename "$0") start|stop|status|leader|connect-string|kill-member N|start-member N" >&2
    exit 2
}

client_port() { echo $((ZK_PORT_BASE + 10 * $1)); }
member_dir() { echo "$ZK_RUN_DIR/member-$1"; }
pid_file() { echo "$ZK_RUN_DIR/member-$1.pid"; }
log_file() { echo "$ZK_RUN_DIR/member-$1.log"; }
live_pid() { bench_live_pid "$(pid_file "$1")" "$ZK_MAIN"; }

# Send a four-letter word to a member; prints the answer (empty if it does not answer within 2 s).
four_letter()
{
    local port
    port="$(client_port "$1")"
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf '%s' '$2' >&3 && cat <&3" 2>/dev/null || true
}

mode_of() { four_letter "$1" srvr | sed -n 's/^Mode: //p'; }

write_config()
{
    local id="$1"
    local dir
    dir="$(member_dir "$id")"
    mkdir -p "$dir/data"
    echo "$((id + 1))" > "$dir/data/myid"
    {
        echo "# written by scripts/zookeeper-ensemble.sh"
        echo "tickTime=2000"
        echo "initLimit=10"
        echo "syncLimit=5"
        echo "dataDir=$dir/data"
        echo "clientPort=$(client_port "$id")"
        echo "clientPortAddress=127.0.0.1"
        echo "forceSync=$ZK_FORCE_SYNC"
        echo "minSessionTimeout=1000"
        echo "maxSessionTimeout=60000"
        echo "maxClientCnxns=0"
        echo "admin.enableServer=false"
        echo "4lw.commands.whitelist=srvr,ruok,mntr,stat"
        echo "autopurge.purgeInterval=0"
        local m
        for m in "${MEMBERS[@]}"; do
            local base=$((ZK_PORT_BASE + 10 * m))
            echo "server.$((m + 1))=127.0.0.1:$((base + 1)):$((base + 2))"
        done
    } > "$dir/zoo.cfg"
}

launch_member()
{
    local id="$1"
    [[ -z "$(live_pid "$id")" ]] || bench_die "member $id is already running (pid $(live_pid "$id"))"
    local classpath="${ZK_CLASSPATH:-$BENCH_JAR}"
    read -r -a opts <<< "${ZK_JAVA_OPTS:--Xms128m -Xmx256m}"
    nohup "$JAVA" "${opts[@]}" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dzookeeper.admin.enableServer=false -Djute.maxbuffer=4194304 \
        -cp "$classpath" "$ZK_MAIN" "$(member_dir "$id")/zoo.cfg" \
        >> "$(log_file "$id")" 2>&1 < /dev/null &
    echo "$!" > "$(pid_file "$id")"
    echo "member $id: pid $! client port $(client_port "$id") log $(log_file "$id")"
}

await_serving()
{
    local id="$1"
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until [[ "$(mode_of "$id")" =~ ^(leader|follower)$ ]]; do
        if [[ -z "$(live_pid "$id")" ]]; then
            echo "member $id exited during start; last lines of $(log_file "$id"):" >&2
            tail -n 30 "$(log_file "$id")" >&2 || true
            return 1
        fi
        if (( SECONDS >= deadline )); then
            echo "member $id does not serve after ${START_TIMEOUT_S}s; last lines of $(log_file "$id"):" >&2
            tail -n 30 "$(log_file "$id")" >&2 || true
            return 1
        fi
        sleep 0.2
    done
}

start()
{
    [[ -z "${ZK_CLASSPATH:-}" ]] && bench_ensure_jar
    local id
    for id in "${MEMBERS[@]}"; do
        [[ -z "$(live_pid "$id")" ]] || bench_die "member $id is already running (pid $(live_pid "$id")); stop first"
        if bench_port_open "$(client_port "$id")"; then
            bench_die "port $(client_port "$id") is in use by another process"
        fi
    done
    rm -rf -- "$ZK_RUN_DIR"
    mkdir -p "$ZK_RUN_DIR"
    for id in "${MEMBERS[@]}"; do
        write_config "$id"
        launch_member "$id"
    done
    for id in "${MEMBERS[@]}"; do
        await_serving "$id" || { stop; exit 1; }
    done
    echo "ensemble started (forceSync=$ZK_FORCE_SYNC); connect string: $(connect_string)"
}

stop()
{
    bench_stop_members "$ZK_MAIN"
}

status()
{
    local id
    local running=0
    for id in "${MEMBERS[@]}"; do
        local pid
        pid="$(live_pid "$id")"
        if [[ -n "$pid" ]]; then
            echo "member $id: running, pid $pid, mode $(mode_of "$id")"
            running=$((running + 1))
        else
            echo "member $id: stopped"
        fi
    done
    [[ "$running" -eq "${#MEMBERS[@]}" ]]
}

leader()
{
    local id
    for id in "${MEMBERS[@]}"; do
        if [[ -n "$(live_pid "$id")" && "$(mode_of "$id")" == "leader" ]]; then
            echo "leader: member $id"
            return 0
        fi
    done
    echo "no leader found" >&2
    return 1
}

connect_string()
{
    local id
    local parts=()
    for id in "${MEMBERS[@]}"; do
        parts+=("127.0.0.1:$(client_port "$id")")
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
    while bench_is_pid "$pid" "$ZK_MAIN"; do sleep 0.05; done
    echo "member $id: killed pid $pid"
}

start_member()
{
    local id="$1"
    [[ -r "$(member_dir "$id")/zoo.cfg" ]] || bench_die "member $id has no configuration; run start first"
    launch_member "$id"
    await_serving "$id"
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    leader) leader ;;
    connect-string) connect_string ;;
    kill-member) [[ $# -eq 1 && "$1" =~ ^[0-2]$ ]] || usage; kill_member "$1" ;;
    start-member) [[ $# -eq 1 && "$1" =~ ^[0-2]$ ]] || usage; start_member "$1" ;;
    *) usage ;;
esac
