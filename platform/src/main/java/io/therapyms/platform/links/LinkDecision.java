package io.therapyms.platform.links;

import java.time.Instant;

/** The decision in force for a client–therapist pair, and the time of the event that made it. */
public record LinkDecision(String clientId, String therapistId, LinkState state, Instant decidedAt) {

    public boolean linked() {
        return state == LinkState.LINKED;
    }
}
