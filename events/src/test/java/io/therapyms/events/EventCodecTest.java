package io.therapyms.events;

import static io.therapyms.events.ReferenceEvents.CLIENT;
import static io.therapyms.events.ReferenceEvents.THERAPIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.therapyms.events.identity.TokenRevoked;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.MappingRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<DomainEvent> referenceEvents() {
        return ReferenceEvents.ALL;
    }

    @ParameterizedTest
    @MethodSource("referenceEvents")
    void encodesEveryTypeToAConformingEventThatDecodesToAnEqualRecord(DomainEvent data) {
        String eventId = UUID.randomUUID().toString();
        Instant time = Instant.parse("2026-11-25T08:30:12.345Z");
        EventDescriptor descriptor = EventCatalog.of(data.getClass());

        DecodedEvent decoded = CODEC.decode(CODEC.encode(data, eventId, time));

        assertThat(decoded.data()).isEqualTo(data);
        CloudEvent envelope = decoded.envelope();
        assertThat(envelope.specversion()).isEqualTo("1.0");
        assertThat(envelope.id()).isEqualTo(eventId);
        assertThat(envelope.source()).isEqualTo(descriptor.source());
        assertThat(envelope.type()).isEqualTo(descriptor.type());
        assertThat(envelope.time()).isEqualTo(time);
        assertThat(envelope.subject()).isEqualTo(data.aggregateId());
        assertThat(envelope.datacontenttype()).isEqualTo("application/json");
    }

    @Test
    void writesInstantsAsUtcStringsAndNoAttributeBeyondTheRecord() throws IOException {
        var requested = new AppointmentRequested(ReferenceEvents.APPOINTMENT_REQUEST, ReferenceEvents.SLOT, CLIENT,
                THERAPIST, ReferenceEvents.START, ReferenceEvents.END);

        JsonNode event = JSON.readTree(CODEC.encode(requested, UUID.randomUUID().toString(),
                Instant.parse("2026-11-25T08:30:00Z")));

        assertThat(event.get("time").textValue()).isEqualTo("2026-11-25T08:30:00Z");
        assertThat(event.get("data").get("startTime").textValue()).isEqualTo("2026-12-01T15:00:00Z");
        assertThat(event.get("data").properties()).extracting(field -> field.getKey()).containsExactly(
                "appointmentRequestId", "slotId", "clientId", "therapistId", "startTime", "endTime");
    }

    @Test
    void refusesToEncodeARecordThatBreaksItsSchema() {
        var superuser = new UserRegistered(CLIENT, "superuser", "maya.okafor@example.com", "Maya Okafor");

        assertThatThrownBy(() -> CODEC.encode(superuser, UUID.randomUUID().toString(), Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe@system-tests.local", "maya@clinic.example", "ana.lópez@correo.méxico"})
    void acceptsEveryAddressSignUpAccepts(String email) {
        // The schema library's own "email" check refused TLDs missing from its list: sign-up said yes, the event 500.
        var registered = new UserRegistered(CLIENT, "client", email, "Maya Okafor");

        String encoded = CODEC.encode(registered, UUID.randomUUID().toString(), Instant.now());

        assertThat(CODEC.decode(encoded).data()).isEqualTo(registered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maya", "maya@", "@example.com", "maya@localhost", "maya@example..com", "maya@10.0.0.1",
            "maya okafor@example.com", "maya@-example.com"})
    void refusesToEncodeAnAddressThatIsNotAMailbox(String email) {
        var registered = new UserRegistered(CLIENT, "client", email, "Maya Okafor");

        assertThatThrownBy(() -> CODEC.encode(registered, UUID.randomUUID().toString(), Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/email");
    }

    @Test
    void refusesToEncodeAMissingFieldOrAnEventIdThatIsNotAUuid() {
        var unnamed = new UserRegistered(CLIENT, "client", "maya.okafor@example.com", null);
        var registered = new UserRegistered(CLIENT, "client", "maya.okafor@example.com", "Maya Okafor");

        assertThatThrownBy(() -> CODEC.encode(unnamed, UUID.randomUUID().toString(), Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/name");
        assertThatThrownBy(() -> CODEC.encode(registered, "event-1", Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/id");
    }

    @Test
    void acceptsANullExpiryOnlyWhereTheTypeAllowsOne() {
        var openEnded = new AccessApproved(ReferenceEvents.ACCESS_REQUEST, CLIENT, THERAPIST, null);
        var tokenWithoutExpiry = new TokenRevoked(CLIENT, ReferenceEvents.JTI, null);

        assertThat(CODEC.decode(CODEC.encode(openEnded, UUID.randomUUID().toString(), Instant.now())).data())
                .isEqualTo(openEnded);
        assertThatThrownBy(() -> CODEC.encode(tokenWithoutExpiry, UUID.randomUUID().toString(), Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/expiresAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "   ", "{\"type\":", "[1, 2]", "\"therapy.auth.UserRegistered.v1\"", "null"})
    void rejectsWhatIsNotAJsonObject(String record) {
        assertThatThrownBy(() -> CODEC.decode(record)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void rejectsTrailingTextAfterTheEvent() {
        String sample = GoldenSamples.of(UserRegistered.class);

        assertThatThrownBy(() -> CODEC.decode(sample + " {}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not JSON");
    }

    /**
     * Every attribute of every golden sample, envelope and data alike, except the data fields that the type's
     * schema leaves optional (additive fields, see EVENTS.md).
     */
    static List<Arguments> requiredFields() {
        List<Arguments> fields = new ArrayList<>();
        for (EventDescriptor descriptor : EventCatalog.all()) {
            ObjectNode sample = sample(descriptor);
            sample.fieldNames().forEachRemaining(name -> {
                if (!name.equals("type")) {
                    fields.add(Arguments.of(descriptor.type(), name));
                }
            });
            List<String> required = new ArrayList<>();
            schema(descriptor).path("properties").path("data").path("required")
                    .forEach(name -> required.add(name.asText()));
            sample.get("data").fieldNames().forEachRemaining(name -> {
                if (required.contains(name)) {
                    fields.add(Arguments.of(descriptor.type(), "data." + name));
                }
            });
        }
        return fields;
    }

    private static JsonNode schema(EventDescriptor descriptor) {
        try (var in = EventCodecTest.class.getClassLoader()
                .getResourceAsStream("events/schemas/" + descriptor.type() + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void rejectsASampleWithARequiredFieldRemoved(String type, String field) {
        ObjectNode event = sample(EventCatalog.byType(type).orElseThrow());
        String[] path = field.split("\\.");
        ObjectNode parent = path.length == 1 ? event : (ObjectNode) event.get(path[0]);
        parent.remove(path[path.length - 1]);

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(type + " violates its schema")
                .hasMessageContaining(path[path.length - 1]);
    }

    @Test
    void rejectsAnEventWithoutAType() {
        ObjectNode event = sample(EventCatalog.of(UserRegistered.class));
        event.remove("type");

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("no string attribute 'type'");
    }

    @ParameterizedTest
    @MethodSource("io.therapyms.events.EventCatalog#all")
    void rejectsAnExtraDataField(EventDescriptor descriptor) {
        ObjectNode event = sample(descriptor);
        data(event).put("reason", "moved away");

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data")
                .hasMessageContaining("reason");
    }

    @Test
    void rejectsAnUnknownTypeOrAVersionNobodyPublishes() {
        ObjectNode event = sample(EventCatalog.of(UserRegistered.class));

        event.put("type", "therapy.auth.UserRegistered.v2");
        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("unknown event type 'therapy.auth.UserRegistered.v2'");
    }

    static List<Arguments> valuesOutsideTheirEnum() {
        return List.of(
                Arguments.of(UserRegistered.class, "role", "superuser"),
                Arguments.of(UserRegistered.class, "role", "Client"),
                Arguments.of(MappingRequested.class, "requestedBy", "patient"),
                Arguments.of(MappingEnded.class, "endedBy", "system"),
                Arguments.of(SessionUpdated.class, "status", "no-show"),
                Arguments.of(SessionUpdated.class, "status", "COMPLETED"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("valuesOutsideTheirEnum")
    void rejectsARoleOrStatusOutsideItsEnum(Class<? extends DomainEvent> dataClass, String field, String value) {
        ObjectNode event = sample(EventCatalog.of(dataClass));
        data(event).put(field, value);

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/" + field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:15:00+01:00", "2026-11-20T10:15:00", "2026-11-20 10:15:00Z",
            "2026-11-20", "yesterday", "2026-13-20T10:15:00Z"})
    void rejectsTimesThatAreNotUtcInstants(String time) {
        ObjectNode envelopeTime = sample(EventCatalog.of(AppointmentRequested.class));
        envelopeTime.put("time", time);
        ObjectNode dataTime = sample(EventCatalog.of(AppointmentRequested.class));
        data(dataTime).put("startTime", time);

        assertThatThrownBy(() -> CODEC.decode(envelopeTime.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/time");
        assertThatThrownBy(() -> CODEC.decode(dataTime.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/startTime");
    }

    @Test
    void rejectsATimeGivenAsEpochNumber() {
        ObjectNode event = sample(EventCatalog.of(UserRegistered.class));
        event.put("time", 1763630100L);

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "3f2c8a4e7b1d4c2e9a651d8e0b7c4f21", ""})
    void rejectsIdsThatAreNotUuids(String id) {
        ObjectNode event = sample(EventCatalog.of(MappingRequested.class));
        data(event).put("clientId", id);

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/data/clientId");
    }

    @Test
    void rejectsASourceOtherThanTheTypesProducer() {
        ObjectNode event = sample(EventCatalog.of(UserRegistered.class));
        event.put("source", "/client-service");

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("/source");
    }

    @Test
    void rejectsASubjectThatIsNotTheAggregateId() {
        ObjectNode event = sample(EventCatalog.of(MappingRequested.class));
        event.put("subject", CLIENT);

        assertThatThrownBy(() -> CODEC.decode(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("is not the aggregate id");
    }

    @Test
    void rejectsARepeatedAttribute() {
        String sample = GoldenSamples.of(UserRegistered.class);
        String repeated = sample.replaceFirst("\\{", "{\"type\": \"therapy.auth.UserDeactivated.v1\",");

        assertThatThrownBy(() -> CODEC.decode(repeated))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("Duplicate field 'type'");
    }

    @Test
    void carriesTheTraceContextAsTheDistributedTracingExtensionAndOmitsItWhenAbsent() {
        UserDeactivated event = new UserDeactivated(UUID.randomUUID().toString());
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        String traced = CODEC.encode(event, UUID.randomUUID().toString(), Instant.now(), traceparent, "vendor=x");
        String untraced = CODEC.encode(event, UUID.randomUUID().toString(), Instant.now(), null, "");

        assertThat(CODEC.decode(traced).envelope().traceparent()).isEqualTo(traceparent);
        assertThat(CODEC.decode(traced).envelope().tracestate()).isEqualTo("vendor=x");
        assertThat(untraced).doesNotContain("traceparent").doesNotContain("tracestate");
        assertThatThrownBy(() -> CODEC.encode(event, UUID.randomUUID().toString(), Instant.now(), "not-a-trace", null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("traceparent");
    }

    @Test
    void acceptsCloudEventsExtensionAttributesButNoOtherNames() {
        ObjectNode traced = sample(EventCatalog.of(UserRegistered.class));
        traced.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ObjectNode misnamed = sample(EventCatalog.of(UserRegistered.class));
        misnamed.put("traceParent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(CODEC.decode(traced.toString()).data()).isInstanceOf(UserRegistered.class);
        assertThatThrownBy(() -> CODEC.decode(misnamed.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("traceParent");
    }

    @Test
    void explainsFailuresInOneBoundedLineFitForARecordHeader() {
        ObjectNode everythingWrong = JSON.createObjectNode();
        everythingWrong.put("type", "therapy.scheduling.AppointmentApproved.v1");
        everythingWrong.putObject("data").put("notes", "x".repeat(5000));
        String multiLineGarbage = "{\n\"type\":\n" + "[".repeat(3) + "\n";

        String hugeType = "{\"type\":\"" + "x".repeat(5000) + "\"}";

        for (String record : List.of(everythingWrong.toString(), multiLineGarbage, hugeType)) {
            assertThatThrownBy(() -> CODEC.decode(record))
                    .isInstanceOf(InvalidEventException.class)
                    .satisfies(failure -> {
                        assertThat(failure.getMessage()).doesNotContain("\n").hasSizeLessThanOrEqualTo(1000);
                        assertThat(failure.getStackTrace()).isEmpty();
                    });
        }
    }

    @Test
    void oneCodecServesManyThreads() {
        List<String> samples = EventCatalog.all().stream().map(GoldenSamples::of).toList();

        List<DomainEvent> decoded = IntStream.range(0, 20).parallel()
                .boxed()
                .flatMap(round -> samples.parallelStream().map(sample -> CODEC.decode(sample).data()))
                .toList();

        assertThat(decoded).hasSize(20 * samples.size()).containsOnlyElementsOf(ReferenceEvents.ALL);
    }

    private static ObjectNode sample(EventDescriptor descriptor) {
        try {
            return (ObjectNode) JSON.readTree(GoldenSamples.of(descriptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }
}
