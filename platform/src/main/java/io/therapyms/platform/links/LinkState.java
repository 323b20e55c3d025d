package io.therapyms.platform.links;

/** What the last decision about a client–therapist pair was. */
public enum LinkState {
    LINKED, ENDED
}
