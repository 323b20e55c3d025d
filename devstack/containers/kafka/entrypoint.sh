#!/bin/sh
# Starts the single-node KRaft broker. KRaft storage must be formatted exactly once, so the
# first start on an empty volume formats it and every later start reuses what is there.
set -eu

config="${KAFKA_CONFIG:-/etc/kafka/server.properties}"
# With host networking, two brokers on one machine need other ports: KAFKA_PORT (clients, default 9092)
# and KAFKA_CONTROLLER_PORT (default 9093) rewrite the loopback listeners of the configuration.
if [ -n "${KAFKA_PORT:-}${KAFKA_CONTROLLER_PORT:-}" ]; then
    sed -e "s/127\.0\.0\.1:9092/127.0.0.1:${KAFKA_PORT:-9092}/g" \
        -e "s/127\.0\.0\.1:9093/127.0.0.1:${KAFKA_CONTROLLER_PORT:-9093}/g" "$config" > /tmp/server.properties
    config=/tmp/server.properties
fi
classpath="${KAFKA_HOME:-/opt/kafka}/lib/*"
log4j_config="${KAFKA_LOG4J_CONFIG:-/etc/kafka/log4j2.properties}"
log_dir=$(sed -n 's/^log\.dirs=//p' "$config")

if [ ! -f "$log_dir/meta.properties" ]; then
    # A fixed KAFKA_CLUSTER_ID makes the volume reproducible; otherwise any fresh id will do.
    cluster_id="${KAFKA_CLUSTER_ID:-$(java -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null)}"
    echo "Formatting KRaft storage in $log_dir (cluster id $cluster_id)"
    java -cp "$classpath" kafka.tools.StorageTool format --standalone \
        --cluster-id "$cluster_id" --config "$config"
fi

# JAVA_OPTS is split into words on purpose: it holds several JVM flags.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dlog4j2.configurationFile="$log4j_config" -cp "$classpath" kafka.Kafka "$config"
