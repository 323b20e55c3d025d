package io.therapyms.therapists.profiles;

import java.time.Instant;
import java.util.List;

/**
 * A therapist's profile as stored; {@code version} guards every update (optimistic lock). {@code timezone} is an
 * IANA zone id or null (none named): analytics buckets the therapist's weeks and months in it.
 */
public record Therapist(String therapistId, String email, String name, List<String> expertise, String location,
        String bio, List<String> languages, String timezone, boolean acceptingClients, boolean verified,
        Instant createdAt, Instant updatedAt, long version) {

    public Therapist withEdits(String name, List<String> expertise, String location, String bio, List<String> languages,
            String timezone, Boolean acceptingClients, Instant now) {
        return new Therapist(therapistId, email, name == null ? this.name : name,
                expertise == null ? this.expertise : expertise, location == null ? this.location : location,
                bio == null ? this.bio : bio, languages == null ? this.languages : languages,
                timezone == null ? this.timezone : timezone,
                acceptingClients == null ? this.acceptingClients : acceptingClients, verified, createdAt, now, version + 1);
    }

    public Therapist withVerified(boolean verified, Instant now) {
        return new Therapist(therapistId, email, name, expertise, location, bio, languages, timezone, acceptingClients, verified,
                createdAt, now, version + 1);
    }
}
