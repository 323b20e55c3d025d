package io.therapyms.analytics.ingest;

/**
 * How an appointment request ended; a request without one is still waiting.
 */
public enum RequestOutcome implements WireValue {

    APPROVED("approved"),
    REJECTED("rejected"),
    CANCELLED("cancelled");

    private final String wire;

    RequestOutcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static RequestOutcome fromWire(String value) {
        return WireValue.parse(RequestOutcome.class, value);
    }
}
