// A year of one therapist's history with 40 clients, produced straight onto the local stack's topics the way the
// producing services would publish it (CloudEvents, checked against the schemas by the events module's codec):
// links, weekly slots, requests and their decisions, sessions completed, missed and cancelled, messages with
// replies. For bench/analytics.mjs; the API cannot make past sessions, so the history goes in as events.
//
//   java -cp 'analytics-service/target/quarkus-app/lib/main/*' bench/analytics/AnalyticsHistory.java \
//        --bootstrap 127.0.0.1:9092 --clients 40 --days 365 --seed 42
//
// Prints {"therapistId": ..., "clientIds": [...], "events": n, "lastEventAt": ...} on stdout.

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCatalog;
import io.therapyms.events.EventCodec;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.TherapistProfileCreated;

public class AnalyticsHistory {

    static final EventCodec CODEC = new EventCodec();

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        String prefix = options.getOrDefault("prefix", "");
        int clientCount = Integer.parseInt(options.getOrDefault("clients", "40"));
        int days = Integer.parseInt(options.getOrDefault("days", "365"));
        Random random = new Random(Long.parseLong(options.getOrDefault("seed", "42")));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        int[] count = {0};
        Instant[] last = {Instant.EPOCH};
        String therapist = UUID.randomUUID().toString();
        List<String> clients = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            java.util.function.BiConsumer<Instant, DomainEvent> publish = (time, data) -> {
                ProducerRecord<String, String> record = new ProducerRecord<>(prefix + EventCatalog.of(data.getClass())
                        .topic(), data.aggregateId(), CODEC.encode(data, UUID.randomUUID().toString(), time));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                count[0]++;
                // the figure "asOf" moves with the therapist's events; a client's MessageRead does not move it
                if (!(data instanceof MessageRead) && time.isAfter(last[0])) {
                    last[0] = time;
                }
            };
            Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant begin = now.minus(Duration.ofDays(days));
            publish.accept(begin.minus(Duration.ofDays(30)), new TherapistProfileCreated(therapist, "Dr Bench", true));
            for (int i = 0; i < clientCount; i++) {
                String client = UUID.randomUUID().toString();
                clients.add(client);
                publish.accept(begin.minus(Duration.ofDays(20)), new ClientProfileCreated(client, "Bench client " + i));
                publish.accept(begin.minus(Duration.ofDays(10)).plusSeconds(i),
                        new MappingApproved(UUID.randomUUID().toString(), client, therapist, "client"));
            }
            for (Instant week = begin; week.isBefore(now); week = week.plus(Duration.ofDays(7))) {
                List<String> ids = new ArrayList<>();
                List<SlotsCreated.SlotTimes> times = new ArrayList<>();
                for (int day = 0; day < 5; day++) {
                    for (int hour : new int[] {9, 10, 11, 13, 14, 15, 16, 17}) {
                        Instant start = week.plus(Duration.ofDays(day)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(hour));
                        String slot = UUID.randomUUID().toString();
                        ids.add(slot);
                        times.add(new SlotsCreated.SlotTimes(slot, start, start.plus(Duration.ofMinutes(50))));
                    }
                }
                publish.accept(week.minus(Duration.ofDays(7)), new SlotsCreated(therapist, ids, times));
                for (SlotsCreated.SlotTimes slot : times) {
                    if (random.nextInt(10) >= 8 || slot.startTime().isAfter(now)) {
                        continue;
                    }
                    String client = clients.get(random.nextInt(clients.size()));
                    String request = UUID.randomUUID().toString();
                    Instant received = slot.startTime().minus(Duration.ofHours(48 + random.nextInt(48)));
                    Instant decided = received.plus(Duration.ofMinutes(30 + random.nextInt(1200)));
                    publish.accept(received, new AppointmentRequested(request, slot.slotId(), client, therapist,
                            slot.startTime(), slot.endTime()));
                    if (random.nextInt(10) == 0) {
                        publish.accept(decided, new AppointmentRejected(request, slot.slotId(), client, therapist,
                                slot.startTime(), slot.endTime()));
                        continue;
                    }
                    String session = UUID.randomUUID().toString();
                    publish.accept(decided, new AppointmentApproved(request, slot.slotId(), client, therapist,
                            slot.startTime(), slot.endTime(), session));
                    int fate = random.nextInt(100);
                    if (fate < 75) {
                        publish.accept(slot.endTime(), new SessionUpdated(session, client, therapist, "completed"));
                    } else if (fate < 83) {
                        publish.accept(slot.endTime(), new SessionUpdated(session, client, therapist, "no_show"));
                    } else {
                        Instant at = slot.startTime().minus(Duration.ofHours(1 + random.nextInt(60)));
                        publish.accept(at.isAfter(decided) ? at : decided.plusSeconds(60), new SessionUpdated(session,
                                client, therapist, "cancelled", random.nextBoolean() ? "client" : "therapist"));
                    }
                }
                for (String client : clients) {
                    Instant sent = week.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(random.nextInt(600)));
                    String question = UUID.randomUUID().toString();
                    String answer = UUID.randomUUID().toString();
                    Instant replied = sent.plus(Duration.ofMinutes(5 + random.nextInt(900)));
                    publish.accept(sent, new MessageSent(question, client, therapist));
                    publish.accept(sent.plusSeconds(60), new MessageRead(question, therapist));
                    publish.accept(replied, new MessageSent(answer, therapist, client));
                    publish.accept(replied.plusSeconds(60), new MessageRead(answer, client));
                }
            }
            producer.flush();
        }
        StringBuilder json = new StringBuilder("{\"therapistId\": \"" + therapist + "\", \"clientIds\": [");
        for (int i = 0; i < clients.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(clients.get(i)).append('"');
        }
        json.append("], \"events\": ").append(count[0]).append(", \"lastEventAt\": \"").append(last[0]).append("\"}");
        System.out.println(json);
    }
}
