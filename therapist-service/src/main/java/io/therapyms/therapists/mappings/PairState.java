package io.therapyms.therapists.mappings;

import io.therapyms.platform.wire.WireNames;

/**
 * Where a client–therapist pair stands in this service's own state machine (the pair item's {@code state}, and the
 * prefix of its therapist index key {@code <state>#<since>#<clientId>}). Stored lower-case, as written since the
 * first release; the other services' link projections (platform {@code LinkProjection}) keep their own spelling
 * of a different thing — what they learnt from the events — so the two are not meant to match.
 */
enum PairState {
    /** No request and no link (never asked, rejected, cancelled or ended). */
    NONE,
    /** One request waits for the other party. */
    PENDING,
    /** Approved and not ended. */
    LINKED;

    String wireName() {
        return WireNames.of(this);
    }

    static PairState stored(String value) {
        return WireNames.stored(PairState.class, value, "pair state");
    }
}
