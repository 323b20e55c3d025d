package io.therapyms.analytics.ingest;

/**
 * A session's status as scheduling-service publishes it (SessionUpdated) and the fact items keep it. A
 * status this version does not know is stored as received and counted nowhere, so a newer scheduling-service
 * cannot stop the consumer.
 */
public enum SessionStatus implements WireValue {

    SCHEDULED("scheduled"),
    COMPLETED("completed"),
    NO_SHOW("no_show"),
    CANCELLED("cancelled");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static SessionStatus fromWire(String value) {
        return WireValue.parse(SessionStatus.class, value);
    }
}
