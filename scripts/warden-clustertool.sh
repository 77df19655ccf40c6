#!/usr/bin/env bash
# Run Aeron's ClusterTool against one node's cluster directory.
#
#   scripts/warden-clustertool.sh [--cluster FILE] <node-id|node.properties> <command> [args...]
#
# Useful commands: describe, list-members, is-leader, snapshot (leader only), errors, recording-log, pid,
# recovery-plan 1, suspend, resume, shutdown (orderly stop of the whole cluster, with a snapshot), abort.
# The cluster directory is taken from run/node-N.config when warden-cluster.sh started the node, otherwise from
# the cluster file and the node file. ClusterTool's own options: -Daeron.cluster.tool.timeout=5s via
# WARDEN_TOOL_OPTS.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

usage()
{
    echo "usage: $(basename "$0") [--cluster FILE] <node-id|node.properties> <command> [args...]" >&2
    echo "commands: describe list-members is-leader snapshot errors recording-log pid recovery-plan suspend" \
        "resume shutdown abort ..." >&2
    exit 2
}

cluster_file="$WARDEN_CLUSTER_FILE"
if [[ "${1:-}" == "--cluster" ]]; then
    [[ $# -ge 2 ]] || usage
    cluster_file="$2"
    shift 2
fi
[[ $# -ge 2 ]] || usage

node="$1"
shift

warden_ensure_jar

resolved="$WARDEN_RUN_DIR/node-$node.config"
if [[ "$node" =~ ^[0-9]+$ && -r "$resolved" ]]; then
    cluster_dir="$(warden_config_value "$resolved" warden.node.cluster.dir)"
else
    node_file="$(warden_node_file "$node")"
    [[ -r "$cluster_file" ]] || warden_die "cluster file not readable: $cluster_file"
    cluster_dir="$(warden_print_config "$cluster_file" "$node_file" | grep -m1 '^warden.node.cluster.dir=' | cut -d= -f2-)"
fi
[[ -d "$cluster_dir" ]] || warden_die "cluster directory not found: $cluster_dir (has the node ever run?)"

read -r -a tool_opts <<< "${WARDEN_TOOL_OPTS:-}"
exec "$JAVA" "${WARDEN_JVM_FLAGS[@]}" "${tool_opts[@]}" -cp "$WARDEN_JAR" io.aeron.cluster.ClusterTool "$cluster_dir" "$@"
