# shellcheck shell=bash
# Shared by the warden-*.sh scripts (sourced, never run). Everything can be overridden from the environment:
#   WARDEN_JAR          the runnable node jar (default cluster-node/target/warden-node.jar, built when missing)
#   WARDEN_CLIENT_JAR   the gateway, client and CLI jar (default client-gateway/target/warden.jar, built when missing)
#   WARDEN_CONFIG_DIR   where cluster.properties, node-N.properties and profile-*.properties live (default config/)
#   WARDEN_CLUSTER_FILE the cluster file (default $WARDEN_CONFIG_DIR/cluster.properties)
#   WARDEN_RUN_DIR      logs, pid files and resolved configs of a local cluster (default run/)
#   WARDEN_SECRET_FILE  the cell's secret file (default $WARDEN_RUN_DIR/cell.secret): nodes admit only gateways and
#                       operator tools that prove a secret listed there. Scripts pass its path, never the secret.
#   WARDEN_JAVA_OPTS    extra JVM options for nodes (default "-Xms256m -Xmx1g"; the node checks at start that its heap
#                       fits the state quota); -Dwarden.*=... overrides config
#   JAVA                the java binary (default java)

WARDEN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARDEN_JAR="${WARDEN_JAR:-$WARDEN_ROOT/cluster-node/target/warden-node.jar}"
WARDEN_CLIENT_JAR="${WARDEN_CLIENT_JAR:-$WARDEN_ROOT/client-gateway/target/warden.jar}"
WARDEN_CONFIG_DIR="${WARDEN_CONFIG_DIR:-$WARDEN_ROOT/config}"
WARDEN_CLUSTER_FILE="${WARDEN_CLUSTER_FILE:-$WARDEN_CONFIG_DIR/cluster.properties}"
WARDEN_RUN_DIR="${WARDEN_RUN_DIR:-$WARDEN_ROOT/run}"
WARDEN_SECRET_FILE_FROM_ENV="${WARDEN_SECRET_FILE:+yes}"
WARDEN_SECRET_FILE="${WARDEN_SECRET_FILE:-$WARDEN_RUN_DIR/cell.secret}"
JAVA="${JAVA:-java}"

# Every JVM that touches Agrona needs the first two (see DESIGN.md section 7); every JVM the scripts start exits on
# OutOfMemoryError rather than limp on with threads dead (a node or gateway in that state is worse than one gone).
WARDEN_JVM_FLAGS=(--add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED
    -XX:+ExitOnOutOfMemoryError)
# shellcheck disable=SC2034 # used by the scripts that source this file
read -r -a WARDEN_JAVA_OPTS_ARRAY <<< "${WARDEN_JAVA_OPTS:--Xms256m -Xmx1g}"

warden_die()
{
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# Build the node jar if it is missing.
warden_ensure_jar()
{
    if [[ ! -f "$WARDEN_JAR" ]]; then
        echo "building $WARDEN_JAR ..." >&2
        (cd "$WARDEN_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl cluster-node -am package >&2) || warden_die "build failed"
        [[ -f "$WARDEN_JAR" ]] || warden_die "build did not produce $WARDEN_JAR"
    fi
}

# Build the gateway/client/CLI jar if it is missing.
warden_ensure_client_jar()
{
    if [[ ! -f "$WARDEN_CLIENT_JAR" ]]; then
        echo "building $WARDEN_CLIENT_JAR ..." >&2
        (cd "$WARDEN_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl client-gateway -am package >&2) ||
            warden_die "build failed"
        [[ -f "$WARDEN_CLIENT_JAR" ]] || warden_die "build did not produce $WARDEN_CLIENT_JAR"
    fi
}

# Is this pid a live Warden gateway JVM (guards against pid reuse)?
warden_is_gateway_pid()
{
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 0
    local cmdline
    cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
    # empty while the process is between two execs (nohup, the script, java): it is still the one recorded
    [[ -z "$cmdline" ]] && return 0
    grep -q -e 'io.warden.gateway.GatewayLauncher' -e 'warden-gateway.sh' <<< "$cmdline"
}

# A node id (N -> $WARDEN_CONFIG_DIR/node-N.properties) or a node file path.
warden_node_file()
{
    local arg="$1"
    local file
    if [[ "$arg" =~ ^[0-9]+$ ]]; then
        file="$WARDEN_CONFIG_DIR/node-$arg.properties"
    else
        file="$arg"
    fi
    [[ -r "$file" ]] || warden_die "node file not readable: $file"
    echo "$file"
}

# A profile name (ci -> $WARDEN_CONFIG_DIR/profile-ci.properties) or a profile file path; empty for none.
warden_profile_file()
{
    local arg="${1:-}"
    local file
    if [[ -z "$arg" ]]; then
        return 0
    elif [[ "$arg" =~ ^[A-Za-z0-9_-]+$ ]]; then
        file="$WARDEN_CONFIG_DIR/profile-$arg.properties"
    else
        file="$arg"
    fi
    [[ -r "$file" ]] || warden_die "profile file not readable: $file"
    echo "$file"
}

# Run java with the required flags.
warden_java()
{
    "$JAVA" "${WARDEN_JVM_FLAGS[@]}" "$@"
}

# Print a node's resolved configuration: warden_print_config <cluster file> <node file> [profile file]
warden_print_config()
{
    warden_java -cp "$WARDEN_JAR" io.warden.node.launcher.NodeLauncher --print-config "$@"
}

# The value of one property in a resolved config file: warden_config_value <file> <name>
warden_config_value()
{
    local file="$1"
    local name="$2"
    local line
    line="$(grep -m1 -F "$name=" "$file" || true)"
    [[ -n "$line" ]] || warden_die "$name not found in $file"
    echo "${line#*=}"
}

# Is this pid a live Warden node JVM (guards against pid reuse)?
warden_is_node_pid()
{
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 0
    local cmdline
    cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ -z "$cmdline" ]] && return 0
    grep -q -e 'warden-node.jar' -e 'io.warden.node.launcher.NodeLauncher' <<< "$cmdline"
}

# Write a new cell secret file (a gateway and an operator secret, 32 random bytes each, base64), readable by its
# owner only, unless one exists: warden_write_secret <file>
warden_write_secret()
{
    local file="$1"
    [[ -f "$file" ]] && return 0
    local dir
    dir="$(dirname "$file")"
    mkdir -p "$dir"
    (
        umask 077
        local tmp
        tmp="$(mktemp "$dir/.cell.secret.XXXXXX")"
        {
            echo "# Warden cell secrets (see README: Security). Nodes accept every secret listed for a role"
            echo "# (comma-separated during a rotation); gateways and tools present the first."
            echo "gateway=$(head -c 32 /dev/urandom | base64 -w0)"
            echo "operator=$(head -c 32 /dev/urandom | base64 -w0)"
        } > "$tmp"
        mv -f "$tmp" "$file"
    )
    echo "wrote a new cell secret file: $file (mode 600)" >&2
}

# The JVM option naming the cell's secret file (its path, never the secret), or nothing when WARDEN_SECRET_FILE is not
# set and one of the config files names the file itself (warden.cluster.secret.file=, as on a multi-host cell); dies
# when the file to pass is missing: warden_secret_opt <config files...>
warden_secret_opt()
{
    if [[ -z "$WARDEN_SECRET_FILE_FROM_ENV" ]] && grep -qs '^warden.cluster.secret.file=' "$@"; then
        return 0
    fi
    [[ -f "$WARDEN_SECRET_FILE" ]] || warden_die "no cell secret file at $WARDEN_SECRET_FILE: create one with" \
        "'scripts/warden-cluster.sh secret' and copy it (mode 600) to every host of the cell, or set WARDEN_SECRET_FILE"
    echo "-Dwarden.cluster.secret.file=$(realpath -e "$WARDEN_SECRET_FILE")"
}

# Parse "[--cluster FILE] [--to-position P | --to-revision R] args..." for the scripts that start one process from
# config files: sets cluster_file (default $WARDEN_CLUSTER_FILE, must be readable), args (the rest) and position_opts
# (--to-position P or --to-revision R, which only the restore takes); -h/--help calls the script's usage: warden_parse_args "$@"
warden_parse_args()
{
    cluster_file="$WARDEN_CLUSTER_FILE"
    args=()
    position_opts=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --cluster)
                [[ $# -ge 2 ]] || usage
                cluster_file="$2"
                shift 2
                ;;
            --to-position|--to-revision)
                [[ $# -ge 2 && ${#position_opts[@]} -eq 0 ]] || usage
                position_opts=("$1" "$2")
                shift 2
                ;;
            -h|--help)
                usage
                ;;
            *)
                args+=("$1")
                shift
                ;;
        esac
    done
    [[ -r "$cluster_file" ]] || warden_die "cluster file not readable: $cluster_file"
}

# The files a process starts from, absolute, in the order it loads them: the cluster file, its own file, then the
# profile if one is given; sets files: warden_config_files <own file> [profile file]
warden_config_files()
{
    files=("$(realpath -e "$cluster_file")" "$(realpath -e "$1")")
    if [[ -n "${2:-}" ]]; then
        files+=("$(realpath -e "$2")")
    fi
}
