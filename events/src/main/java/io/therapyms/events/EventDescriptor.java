package io.therapyms.events;

/**
 * What the catalogue knows about one event type.
 *
 * @param type the CloudEvent {@code type}, {@code therapy.<service>.<Name>.v<N>}
 * @param topic the topic it is published on (without resource prefix)
 * @param source the CloudEvent {@code source}, the producing service
 * @param dataClass the record its {@code data} binds to
 */
public record EventDescriptor(String type, String topic, String source, Class<? extends DomainEvent> dataClass) {

    /** Classpath location of the JSON Schema describing the whole envelope of this type. */
    public String schemaResource() {
        return "events/schemas/" + type + ".json";
    }

    /** Classpath location of the golden sample: one realistic, valid event of this type. */
    public String sampleResource() {
        return "events/samples/" + type + ".json";
    }
}
