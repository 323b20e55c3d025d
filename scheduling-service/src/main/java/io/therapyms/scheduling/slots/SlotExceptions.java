package io.therapyms.scheduling.slots;

import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.NotFoundException;

/** The slot errors of the API. */
public final class SlotExceptions {

    private SlotExceptions() {
    }

    public static class SlotNotFoundException extends NotFoundException {
        public SlotNotFoundException() {
            super("No such slot.");
        }
    }

    public static class SlotOverlapException extends ConflictException {
        public SlotOverlapException(String clashes) {
            super("The slots overlap: " + clashes);
        }
    }

    public static class SlotBookedException extends ConflictException {
        public SlotBookedException() {
            super("The slot is booked.");
        }
    }
}
