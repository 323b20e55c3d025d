package io.therapyms.journal.access;

import java.util.Arrays;

import io.therapyms.platform.errors.BadRequestException;

/** What a party may set a request to (the PUT body's {@code status}), and the status it leads to. */
enum AccessDecision {
    APPROVED(AccessRequestStatus.APPROVED),
    REJECTED(AccessRequestStatus.REJECTED),
    REVOKED(AccessRequestStatus.REVOKED),
    CANCELLED(AccessRequestStatus.CANCELLED);

    final AccessRequestStatus status;

    AccessDecision(AccessRequestStatus status) {
        this.status = status;
    }

    /** The decision named by the body's {@code status}; anything else (missing included) is a 400 on that field. */
    static AccessDecision fromStatus(String status) {
        return Arrays.stream(values()).filter(d -> d.status.wireName().equals(status)).findFirst()
                .orElseThrow(() -> BadRequestException.field("status", "must be approved, rejected, revoked or cancelled"));
    }
}
