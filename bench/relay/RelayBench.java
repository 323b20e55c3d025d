// The outbox relay benchmark (issue #19): stages N events into a service's outbox the way the service writes them
// (platform's Outbox.withEvents on the item, the events module's codec), then times until every one of them is on
// Kafka, counted by event id by a consumer of the service's topic (a second copy of an id counts as a duplicate).
// For bench/bench.mjs relay; run with the service's own class path so the outbox format cannot drift:
//
//   java -cp 'journal-service/target/quarkus-app/lib/main/*' bench/relay/RelayBench.java \
//        --dynamo http://127.0.0.1:8000 --bootstrap 127.0.0.1:9092 --events 10000
//
// The items are JournalEntryCreated entries of journal-service's table under a partition key of their own
// (BENCH-RELAY#<run>#...), without the attributes that make an item a visible journal entry, so no reader of the
// service ever lists them; the events are valid, and the stack's consumers of journal.events process them as
// they would real ones. Staging uses BatchWriteItem (25 items a call, --writers threads) to put the backlog in
// faster than the relay can drain it; the service writes the same items one conditional PutItem at a time.
//
// Prints one JSON object on stdout: staging and drain times, events/s, duplicates, the backlog (staged minus seen
// on Kafka) once a second.

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.events.EventCatalog;
import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

public class RelayBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String endpoint = options.getOrDefault("dynamo", "http://127.0.0.1:8000");
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        String prefix = options.getOrDefault("prefix", "");
        String table = prefix + options.getOrDefault("table", "journal");
        int events = Integer.parseInt(options.getOrDefault("events", "10000"));
        int writers = Integer.parseInt(options.getOrDefault("writers", "4"));
        long timeoutMillis = Long.parseLong(options.getOrDefault("timeout", "900")) * 1000;
        String topic = prefix + EventCatalog.of(JournalEntryCreated.class).topic();
        String clientId = UUID.randomUUID().toString(); // the events' schema wants a UUID
        String run = clientId.substring(0, 8);

        Set<String> expected = ConcurrentHashMap.newKeySet();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger staged = new AtomicInteger();
        AtomicLong lastSeenAt = new AtomicLong();
        AtomicInteger polled = new AtomicInteger();

        KafkaConsumer<String, String> consumer = consumer(bootstrap);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is staged

        Outbox outbox = new Outbox(null, Clock.systemUTC());
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();

        long start = System.nanoTime();
        List<Map<String, Object>> backlog = Collections.synchronizedList(new ArrayList<>());
        Thread meter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                backlog.add(Map.of("t", round((System.nanoTime() - start) / 1e9), "staged", staged.get(),
                        "onKafka", seen.size(), "pending", staged.get() - seen.size()));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "backlog-meter");
        meter.setDaemon(true);
        meter.start();

        java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread counter = new Thread(() -> {
            while (counting.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    polled.incrementAndGet();
                    String id = eventId(record.value());
                    if (id == null || !expected.contains(id)) {
                        continue;
                    }
                    if (!seen.add(id)) {
                        duplicates.incrementAndGet();
                    }
                    lastSeenAt.set(System.nanoTime());
                }
            }
        }, "kafka-counter");
        counter.setDaemon(true);
        counter.start();

        // staging: each writer takes batches of 25 from a shared counter
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int from = next.getAndAdd(25); from < events; from = next.getAndAdd(25)) {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(events, from + 25); i++) {
                        String entryId = UUID.randomUUID().toString();
                        Map<String, AttributeValue> item = outbox.withEvents(Map.of(
                                "pk", AttributeValue.fromS("BENCH-RELAY#" + run + "#" + (i / 100)),
                                "sk", AttributeValue.fromS("ENTRY#" + String.format("%09d", i) + "#" + entryId)),
                                new JournalEntryCreated(entryId, clientId));
                        expected.add(item.get(OutboxAttributes.EVENTS).l().get(0).m().get("id").s());
                        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                    }
                    Map<String, List<WriteRequest>> request = Map.of(table, batch);
                    while (!request.isEmpty()) {
                        Map<String, List<WriteRequest>> current = request;
                        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(current));
                        request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    }
                    staged.addAndGet(batch.size());
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception stagingFailed) {
            stagingFailed.printStackTrace();
            System.exit(1);
        }
        pool.shutdown();
        long stagedAt = System.nanoTime();

        while (seen.size() < events && System.nanoTime() - start < timeoutMillis * 1_000_000) {
            Thread.sleep(100);
        }
        long end = seen.size() >= events ? lastSeenAt.get() : System.nanoTime();
        Thread.sleep(2000); // late duplicates (a redelivered send) still count
        meter.interrupt();
        counting.set(false);
        counter.join(5000);

        double stagingSeconds = (stagedAt - start) / 1e9;
        double totalSeconds = (end - start) / 1e9;
        int maxPending = backlog.stream().mapToInt(s -> (Integer) s.get("pending")).max().orElse(0);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("table", table);
        result.put("topic", topic);
        result.put("events", events);
        result.put("onKafka", seen.size());
        result.put("missing", events - seen.size());
        result.put("duplicates", duplicates.get());
        result.put("recordsOnTopic", polled.get());
        result.put("writers", writers);
        result.put("stagingSeconds", round(stagingSeconds));
        result.put("stagedPerSecond", round(events / stagingSeconds));
        result.put("totalSeconds", round(totalSeconds));
        result.put("drainAfterStagingSeconds", round(Math.max(0, totalSeconds - stagingSeconds)));
        result.put("publishedPerSecond", round(seen.size() / totalSeconds));
        result.put("maxPending", maxPending);
        result.put("backlog", new ArrayList<>(backlog));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.exit(0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String eventId(String cloudEvent) {
        try {
            return JSON.readTree(cloudEvent).path("id").asText(null);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(props);
    }
}
