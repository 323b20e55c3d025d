package io.therapyms.therapists.profiles;

import io.therapyms.platform.errors.NotFoundException;

public class TherapistNotFoundException extends NotFoundException {

    public TherapistNotFoundException() {
        super("No such therapist.");
    }
}
