package io.therapyms.analytics.ingest;

/** Item kinds and the attribute names of the read models, shared by the writers and the readers. */
public final class Facts {

    public static final String KIND = "kind";
    public static final String SESSION = "session";
    public static final String SLOT = "slot";
    public static final String REQUEST = "request";
    public static final String MESSAGE = "message";
    public static final String LINK = "link";
    public static final String LINK_END = "linkEnd";
    public static final String GRANT = "grant";

    /** Sort-key markers of the therapist's time line (gsi1sk = time#marker#id). */
    public static final String SESSION_MARK = "S";
    public static final String SLOT_MARK = "O";
    public static final String REQUEST_MARK = "R";
    public static final String MESSAGE_MARK = "M";

    private Facts() {
    }

    /** The therapist's time line of sessions, slots, requests and messages: Queried by time range. */
    public static String timeline(String userId) {
        return "T#" + userId;
    }

    /** The therapist's link episodes, by the time they began. */
    public static String links(String therapistId) {
        return "TL#" + therapistId;
    }

    public static String pairSessions(String therapistId, String clientId) {
        return "P#" + therapistId + "#" + clientId;
    }

    public static String pairApprovals(String therapistId, String clientId) {
        return "PA#" + therapistId + "#" + clientId;
    }

    public static String pairEnds(String therapistId, String clientId) {
        return "PE#" + therapistId + "#" + clientId;
    }

    public static String pairGrants(String therapistId, String clientId) {
        return "G#" + therapistId + "#" + clientId;
    }

    public static String unread(String ownerId, String fromId) {
        return "UNREAD#" + ownerId + "#" + fromId;
    }

    public static String ofClient(String clientId) {
        return "C#" + clientId;
    }
}
