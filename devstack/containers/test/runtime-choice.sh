#!/usr/bin/env bash
# Tests prepare's choice of OCI runtime on both kinds of host without needing either: a stand-in `podman`
# on the PATH starts containers with runc always and with crun only when FAKE_CRUN_WORKS=1 (as on cgroup v1
# or v2 hosts; on hybrid hosts crun refuses). Checks what lands in containers.conf and in the state file,
# that a second run changes nothing, and that a conf the user wrote keeps its other lines.
set -euo pipefail
prepare=$(cd "$(dirname "$0")/.." && pwd)/prepare
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/state"
cat > "$work/bin/podman" <<'FAKE'
#!/usr/bin/env bash
echo "$*" >> "$FAKE_PODMAN_CALLS"
if [ "$1" = --runtime ] && [ "$2" = crun ] && [ "${FAKE_CRUN_WORKS:-0}" != 1 ]; then
    echo "Error: crun: cgroups in hybrid mode not supported, drop all controllers from cgroupv2: OCI runtime error" >&2
    exit 126
fi
exit 0
FAKE
printf '#!/bin/sh\nexit 0\n' > "$work/bin/runc"
chmod +x "$work/bin/podman" "$work/bin/runc"

export PATH="$work/bin:$PATH" CONTAINERS_CONF_FILE="$work/containers.conf" PREPARE_STATE_DIR="$work/state" \
    FAKE_PODMAN_CALLS="$work/calls"
failures=0
check() { # description, command...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
runtime_lines() { grep -c '^runtime *=' "$CONTAINERS_CONF_FILE" || true; }

printf '[containers]\ndefault_ulimits = []\n\n[engine]\nevents_logger = "file"\n' > "$CONTAINERS_CONF_FILE"
original=$(cat "$CONTAINERS_CONF_FILE")

# A host where crun works (cgroup v1 or v2): podman's default stays.
FAKE_CRUN_WORKS=1 "$prepare" --runtime > "$work/out" 2>&1
check "crun host: crun chosen" grep -qx crun "$work/state/runtime"
check "crun host: containers.conf unchanged" [ "$(cat "$CONTAINERS_CONF_FILE")" = "$original" ]
check "crun host: runc never tried" bash -c "! grep -q -- '--runtime runc' '$work/calls'"
check "crun host: the log names the choice" grep -q 'OCI runtime: crun' "$work/out"

# A hybrid-cgroup host: crun refuses, runc is chosen and written once under [engine].
: > "$work/calls"
FAKE_CRUN_WORKS=0 "$prepare" --runtime > "$work/out" 2>&1
check "hybrid host: runc chosen" grep -qx runc "$work/state/runtime"
check "hybrid host: [engine] runtime = runc" grep -q '^runtime = "runc"' "$CONTAINERS_CONF_FILE"
check "hybrid host: the runtime line sits in [engine]" \
    bash -c "sed -n '/^\[engine\]/,/^\[/p' '$CONTAINERS_CONF_FILE' | grep -q '^runtime = \"runc\"'"
check "hybrid host: the log says why" grep -q 'crun cannot start containers here: .*hybrid' "$work/out"
check "hybrid host: other settings kept" grep -q '^default_ulimits = \[\]' "$CONTAINERS_CONF_FILE"
check "hybrid host: events_logger kept" grep -q '^events_logger = "file"' "$CONTAINERS_CONF_FILE"

# Idempotent: a second run on the same host leaves exactly one runtime line.
FAKE_CRUN_WORKS=0 "$prepare" --runtime > "$work/out" 2>&1
check "second run: one runtime line" [ "$(runtime_lines)" = 1 ]

# The same disk moved to a host where crun works again: our line goes, the user's conf is as before.
FAKE_CRUN_WORKS=1 "$prepare" --runtime > "$work/out" 2>&1
check "back on a crun host: crun chosen" grep -qx crun "$work/state/runtime"
check "back on a crun host: our line removed, conf as before" [ "$(cat "$CONTAINERS_CONF_FILE")" = "$original" ]

# No conf file at all (a fresh machine) on a hybrid host.
rm -f "$CONTAINERS_CONF_FILE"
FAKE_CRUN_WORKS=0 "$prepare" --runtime > "$work/out" 2>&1
check "fresh hybrid host: [engine] created with runc" \
    bash -c "grep -q '^\[engine\]' '$CONTAINERS_CONF_FILE' && grep -q '^runtime = \"runc\"' '$CONTAINERS_CONF_FILE'"

[ "$failures" -eq 0 ] && echo "runtime-choice: all checks passed" || { echo "runtime-choice: $failures failed"; exit 1; }
