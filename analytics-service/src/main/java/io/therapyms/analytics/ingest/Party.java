package io.therapyms.analytics.ingest;

/**
 * Who did something to a session (SessionUpdated.cancelledBy), as the fact items keep it.
 */
public enum Party implements WireValue {

    CLIENT("client"),
    THERAPIST("therapist");

    private final String wire;

    Party(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Party fromWire(String value) {
        return WireValue.parse(Party.class, value);
    }
}
