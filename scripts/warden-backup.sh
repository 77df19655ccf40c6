#!/usr/bin/env bash
# Run an online backup of a running cell in the foreground until SIGTERM/SIGINT (Aeron's ClusterBackup: it follows
# the cell as an operator, keeps its latest snapshots and records the log after them).
#
#   scripts/warden-backup.sh [--cluster FILE] [backup.properties] [ci|baremetal|profile.properties]
#
# The backup file (default config/backup.properties) names the backup's directory (put it on another disk or host),
# its own address and ports; the cluster file (default $WARDEN_CLUSTER_FILE, config/cluster.properties) names the
# members it asks. It needs the cell's operator secret ($WARDEN_SECRET_FILE, default run/cell.secret). It prints
# "backup holds the snapshots at log positions [...]" whenever it has copied newer snapshots, and the live log
# position every 30 s. Seed a node from it with scripts/warden-restore.sh (README: Backup and restore).
# JVM options: WARDEN_BACKUP_JAVA_OPTS (default "-Xmx512m"); -Dwarden.backup.<name>=<value> overrides the file.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

usage()
{
    echo "usage: $(basename "$0") [--cluster FILE] [backup.properties] [ci|baremetal|profile.properties]" >&2
    exit 2
}

warden_parse_args "$@"
[[ ${#args[@]} -le 2 && ${#position_opts[@]} -eq 0 ]] || usage
backup_file="${args[0]:-$WARDEN_CONFIG_DIR/backup.properties}"
[[ -r "$backup_file" ]] || warden_die "backup file not readable: $backup_file"
profile_file="$(warden_profile_file "${args[1]:-ci}")"
warden_config_files "$backup_file" "$profile_file"
secret_opt="$(warden_secret_opt "${files[@]}")"
read -r -a backup_opts <<< "${WARDEN_BACKUP_JAVA_OPTS:--Xmx512m}"
warden_ensure_jar
cd "$WARDEN_ROOT"
exec "$JAVA" "${WARDEN_JVM_FLAGS[@]}" ${secret_opt:+"$secret_opt"} "${backup_opts[@]}" \
    -cp "$WARDEN_JAR" io.warden.node.backup.BackupLauncher "${files[@]}"
