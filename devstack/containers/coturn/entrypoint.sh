#!/usr/bin/env bash
# Starts turnserver on 127.0.0.1 with the shared secret from TURN_SECRET (the same value
# messaging-service gets), written to a file only this user reads rather than onto the command line.
# Without TURN_SECRET there is nothing to check credentials with: it says so and exits 0 (calls
# then get no TURN server; peers on one network still connect directly).
set -euo pipefail

if [ -z "${TURN_SECRET:-}" ]; then
    echo "coturn: TURN_SECRET is not set, so no TURN server runs. Make one with: export TURN_SECRET=\`openssl rand -hex 32\`" >&2
    exit 0
fi
port=${TURN_PORT:-3478}
umask 077
config=$(mktemp /tmp/turnserver.XXXXXX.conf)
cat > "$config" <<CONF
listening-ip=127.0.0.1
relay-ip=127.0.0.1
listening-port=$port
realm=${TURN_REALM:-therapyms.local}
use-auth-secret
static-auth-secret=$TURN_SECRET
fingerprint
allow-loopback-peers
no-multicast-peers
no-cli
no-tls
no-dtls
no-software-attribute
pidfile=/tmp/turnserver.pid
userdb=/tmp/turndb
log-file=stdout
simple-log
CONF
exec turnserver -c "$config"
