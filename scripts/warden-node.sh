#!/usr/bin/env bash
# Run one Warden node in the foreground until SIGTERM/SIGINT or a ClusterTool shutdown.
#
#   scripts/warden-node.sh [--cluster FILE] <node-id|node.properties> [ci|baremetal|profile.properties]
#
# node-id N means config/node-N.properties. The cluster file defaults to config/cluster.properties
# ($WARDEN_CLUSTER_FILE); with --cluster config/cluster-multihost.properties and that host's node file this is
# the multi-host mode: one node per host, addresses from the cluster file. Without a profile the built-in
# defaults apply (SHARED threading, backoff idle, Aeron's 10 s timeouts).
# The cell's secret file ($WARDEN_SECRET_FILE, default run/cell.secret) must exist: the node admits only gateways and
# operator tools that prove a secret listed there.
# JVM options: WARDEN_JAVA_OPTS (default "-Xms256m -Xmx1g"; -XX:+ExitOnOutOfMemoryError is always on); add -Dwarden.<name>=<value> to override any setting.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

usage()
{
    echo "usage: $(basename "$0") [--cluster FILE] <node-id|node.properties> [ci|baremetal|profile.properties]" >&2
    exit 2
}

warden_parse_args "$@"
[[ ${#args[@]} -ge 1 && ${#args[@]} -le 2 && ${#position_opts[@]} -eq 0 ]] || usage

# Absolute paths: the node runs from the repo root so that relative directories in node files resolve there.
node_file="$(warden_node_file "${args[0]}")"
profile_file="$(warden_profile_file "${args[1]:-}")"
warden_config_files "$node_file" "$profile_file"

secret_opt="$(warden_secret_opt "${files[@]}")"
warden_ensure_jar
cd "$WARDEN_ROOT"
exec "$JAVA" "${WARDEN_JVM_FLAGS[@]}" ${secret_opt:+"$secret_opt"} "${WARDEN_JAVA_OPTS_ARRAY[@]}" -jar "$WARDEN_JAR" "${files[@]}"
