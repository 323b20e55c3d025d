package io.therapyms.therapists.profiles;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The public fields of a profile; {@code email} only for the therapist themself and admins. */
public record TherapistView(String therapistId, String name, List<String> expertise, String location, String bio,
        List<String> languages, @JsonInclude(JsonInclude.Include.NON_NULL) String timezone, boolean acceptingClients,
        boolean verified,
        @JsonInclude(JsonInclude.Include.NON_NULL) String email) {

    public static TherapistView publicOf(Therapist t) {
        return new TherapistView(t.therapistId(), t.name(), t.expertise(), t.location(), t.bio(), t.languages(),
                t.timezone(), t.acceptingClients(), t.verified(), null);
    }

    public static TherapistView withEmail(Therapist t) {
        return new TherapistView(t.therapistId(), t.name(), t.expertise(), t.location(), t.bio(), t.languages(),
                t.timezone(), t.acceptingClients(), t.verified(), t.email());
    }
}
