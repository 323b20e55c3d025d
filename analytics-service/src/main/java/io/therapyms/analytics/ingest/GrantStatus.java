package io.therapyms.analytics.ingest;

/**
 * A journal grant between a therapist and a client: as the fact items keep it (pending, active, ended) and
 * as the client rows show it (none, pending, active).
 */
public enum GrantStatus implements WireValue {

    NONE("none"),
    PENDING("pending"),
    ACTIVE("active"),
    ENDED("ended");

    private final String wire;

    GrantStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static GrantStatus fromWire(String value) {
        return WireValue.parse(GrantStatus.class, value);
    }
}
