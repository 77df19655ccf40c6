#!/usr/bin/env bash
# Seed one stopped node's empty directories from a backup made by scripts/warden-backup.sh, whole or up to a log
# position or revision (point-in-time restore within what the backup holds).
#
#   scripts/warden-restore.sh [--cluster FILE] [--to-position P | --to-revision R] <backup dir> \
#       <node-id|node.properties> [profile]
#
# --to-revision R restores the state the cell had when R was its latest revision (every change up to R, none after).
#
# For a new cell run it for every node, then start them (scripts/warden-cluster.sh start, or each host's
# warden-node.sh). For a member whose disk died: move its data away, run it for that node, start the node; it joins
# and catches up from the others (README: Replacing a member). It refuses a node whose directories hold data.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

usage()
{
    echo "usage: $(basename "$0") [--cluster FILE] [--to-position P | --to-revision R] <backup dir>" \
        "<node-id|node.properties>" \
        "[ci|baremetal|profile.properties]" >&2
    exit 2
}

warden_parse_args "$@"
[[ ${#args[@]} -ge 2 && ${#args[@]} -le 3 ]] || usage
backup_dir="$(realpath -e "${args[0]}")"
node_file="$(warden_node_file "${args[1]}")"
profile_file="$(warden_profile_file "${args[2]:-}")"
warden_config_files "$node_file" "$profile_file"
secret_opt="$(warden_secret_opt "${files[@]}")"
warden_ensure_jar
cd "$WARDEN_ROOT"
exec "$JAVA" "${WARDEN_JVM_FLAGS[@]}" ${secret_opt:+"$secret_opt"} -cp "$WARDEN_JAR" \
    io.warden.node.backup.RestoreLauncher "${position_opts[@]}" "$backup_dir" "${files[@]}"
