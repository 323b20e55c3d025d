import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the stack's Kafka consumers are behind (issue #19): every {@code --interval} ms, for every consumer group
 * with live members, the records between its committed offsets and the partitions' ends, printed as one JSON line:
 * {@code {"total": n, "groups": {"analytics-service-messaging": n, ...}}} (groups at 0 left out).
 * <p>
 * Committed offsets trail what a consumer has applied by the commit interval (SmallRye's throttled commits, ~5 s), so
 * "0" means every record was applied and its offset committed. Groups without members (a stopped instance's own
 * group) are not counted: nobody will consume for them. Nor are partitions a group never committed on (below).
 * <p>
 * Run by {@code bench/lib/catchup.mjs} with a service's class path (kafka-clients):
 * {@code java -cp 'journal-service/target/quarkus-app/lib/main/*' bench/lag/ConsumerLag.java --bootstrap 127.0.0.1:9092}.
 */
public class ConsumerLag {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("bootstrap", "127.0.0.1:9092"));
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-consumer-lag");
        long interval = Long.parseLong(options.getOrDefault("interval", "2000"));
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                long started = System.nanoTime();
                Map<String, Long> lags = lags(admin);
                long total = lags.values().stream().mapToLong(Long::longValue).sum();
                String groups = lags.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(","));
                System.out.println("{\"total\":" + total + ",\"groups\":{" + groups + "}}");
                System.out.flush();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, TimeUnit.MILLISECONDS.toNanos(interval) - (System.nanoTime() - started)));
            }
        }
    }

    /** Lag per live consumer group, in records. */
    static Map<String, Long> lags(Admin admin) throws Exception {
        List<String> groupIds = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(GroupListing::groupId).toList();
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groupIds).all().get();
        Map<String, Long> lags = new TreeMap<>();
        for (ConsumerGroupDescription group : descriptions.values()) {
            if (group.members().isEmpty() || group.groupState() == GroupState.DEAD) {
                continue;
            }
            // Only committed partitions count: a group that never committed on a partition may start at its end
            // (auto.offset.reset=latest, e.g. messaging's own call groups), so its start says nothing. The stack's
            // shared groups commit from their first record on.
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    latest.put(partition, OffsetSpec.latest());
                }
            });
            if (latest.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (TopicPartition partition : latest.keySet()) {
                lag += Math.max(0, ends.get(partition).offset() - committed.get(partition).offset());
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }
}
