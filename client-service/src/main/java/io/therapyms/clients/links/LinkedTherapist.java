package io.therapyms.clients.links;

import java.time.Instant;

/**
 * A therapist linked to a client, with what therapists.events tells this service: the id, the
 * name from TherapistProfileCreated/Updated (null until one arrived) and when the link began.
 */
public record LinkedTherapist(String therapistId, String name, Instant linkedAt) {
}
