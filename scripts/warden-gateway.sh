#!/usr/bin/env bash
# Run one Warden gateway in the foreground until SIGTERM/SIGINT.
#
#   scripts/warden-gateway.sh [--cluster FILE] [gateway.properties] [more.properties ...]
#
# The gateway reads the cluster file (default config/cluster.properties) for the members' addresses, then
# config/gateway.properties (or the given file), then any further files; -Dwarden.gateway.<name>=<value> in
# WARDEN_GATEWAY_JAVA_OPTS overrides any setting. Clients connect to warden.gateway.request.endpoint.
# The gateway proves the cell's secret ($WARDEN_SECRET_FILE, default run/cell.secret) to the nodes at every connect.
# JVM options: WARDEN_GATEWAY_JAVA_OPTS (default "-Xms128m -Xmx512m"). The gateway refuses at start settings whose worst
# case does not fit its heap (warden.gateway.max.connections, max.pending.bytes in config/gateway.properties).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=warden-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/warden-common.sh"

cluster_file="$WARDEN_CLUSTER_FILE"
if [[ "${1:-}" == "--cluster" ]]; then
    [[ $# -ge 2 ]] || warden_die "usage: $(basename "$0") [--cluster FILE] [gateway.properties] [more.properties ...]"
    cluster_file="$2"
    shift 2
fi
files=("$cluster_file")
if [[ $# -eq 0 ]]; then
    files+=("$WARDEN_CONFIG_DIR/gateway.properties")
else
    files+=("$@")
fi
for file in "${files[@]}"; do
    [[ -r "$file" ]] || warden_die "not readable: $file"
done

secret_opt="$(warden_secret_opt "${files[@]}")"
warden_ensure_client_jar
read -r -a gateway_opts <<< "${WARDEN_GATEWAY_JAVA_OPTS:--Xms128m -Xmx512m}"
exec "$JAVA" "${WARDEN_JVM_FLAGS[@]}" ${secret_opt:+"$secret_opt"} "${gateway_opts[@]}" -cp "$WARDEN_CLIENT_JAR" \
    io.warden.gateway.GatewayLauncher "${files[@]}"
