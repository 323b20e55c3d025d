package io.therapyms.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loopback ports of one stack: ./run's (offset 0), or every one shifted by the same offset, so a second stack
 * (system tests, another engineer's experiment) runs beside a developer's ./run without touching it.
 */
public record StackPorts(int offset) {

    /** Where ./run listens. */
    public static final StackPorts DEFAULT = new StackPorts(0);

    private static final int HIGHEST_PORT = 65_535;
    /**
     * The gateway's management interface (/q/metrics, /q/health), off the public port. 9095: no other port of any
     * stack lands on it at offsets that are multiples of 100, and it stays clear of Prometheus's own 9090.
     */
    static final int GATEWAY_MANAGEMENT_PORT = 9095;

    public StackPorts {
        if (offset < 0 || KafkaBroker.DEFAULT_CONTROLLER_PORT + offset > HIGHEST_PORT) {
            throw new IllegalArgumentException("the port offset must be between 0 and "
                    + (HIGHEST_PORT - KafkaBroker.DEFAULT_CONTROLLER_PORT) + ", not " + offset);
        }
    }

    public int dynalite() {
        return Dynalite.DEFAULT_PORT + offset;
    }

    public int kafka() {
        return KafkaBroker.DEFAULT_PORT + offset;
    }

    public int kafkaController() {
        return KafkaBroker.DEFAULT_CONTROLLER_PORT + offset;
    }

    /** coturn's listening port (UDP and TCP), when coturn is installed. */
    public int turn() {
        return Coturn.DEFAULT_PORT + offset;
    }

    public int app(Apps app) {
        return app.defaultPort() + offset;
    }

    /** Where the gateway serves /q/metrics and its own /q/health (never on its public port). */
    public int gatewayManagement() {
        return GATEWAY_MANAGEMENT_PORT + offset;
    }

    /** Every port the stack listens on, with what listens there; the applications' only when {@code withApps}. */
    Map<Integer, String> all(boolean withApps) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(dynalite(), "dynalite");
        ports.put(kafka(), "kafka");
        ports.put(kafkaController(), "kafka controller");
        if (withApps) {
            for (Apps app : Apps.values()) {
                ports.put(app(app), app.module());
            }
            ports.put(gatewayManagement(), "gateway management");
        }
        return ports;
    }

    /** The ports of {@link #all(boolean)} that something else holds now, as {@code "8000 (dynalite)"}. */
    List<String> taken(boolean withApps) {
        return all(withApps).entrySet().stream()
                .filter(entry -> !Ports.isFree(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .toList();
    }

    /** Whether every port of the whole stack is free at this moment (another process may take one right after). */
    public boolean allFree() {
        return taken(true).isEmpty();
    }

    /**
     * The first of {@code firstOffset}, {@code firstOffset + step}, … ({@code attempts} of them) whose whole stack's
     * ports are free now: how a second stack finds room beside ./run and other people's stacks.
     */
    public static StackPorts firstFree(int firstOffset, int step, int attempts) {
        for (int i = 0; i < attempts; i++) {
            StackPorts candidate = new StackPorts(firstOffset + i * step);
            if (candidate.allFree()) {
                return candidate;
            }
        }
        throw new StartupException("no free set of ports at offsets " + firstOffset + ", " + (firstOffset + step)
                + ", … (" + attempts + " tried)");
    }
}
