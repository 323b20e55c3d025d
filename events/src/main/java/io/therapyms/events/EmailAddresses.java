package io.therapyms.events;

import java.util.regex.Pattern;

/**
 * The one rule for an email address in an event, applied both by the schemas' {@code "format": "email"} (see
 * {@link EventCodec}) and by every service that accepts an address before it becomes an event (sign-up): an
 * address the API accepts can always be published.
 *
 * <p>RFC 5321 syntax (RFC 6531 letters allowed), deliberately without a list of top-level domains: the schema
 * library's default checks the TLD against a list frozen at its release, so a new TLD or a private one such as
 * {@code .local} passed sign-up and then failed as an event (a 500).
 */
public final class EmailAddresses {

    /** RFC 5321: 64 octets of local part, 254 characters in all (the path limit minus the angle brackets). */
    private static final int MAX_LOCAL = 64;
    private static final int MAX_TOTAL = 254;

    private static final String ATOM_CHARS = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]";
    private static final Pattern LOCAL_PART = Pattern.compile(ATOM_CHARS + "+(\\." + ATOM_CHARS + "+)*");

    private static final String LABEL_CHAR = "[A-Za-z0-9\\u0080-\\uFFFF]";
    private static final Pattern LABEL = Pattern.compile(LABEL_CHAR + "(" + LABEL_CHAR + "|-){0,61}" + LABEL_CHAR
            + "|" + LABEL_CHAR);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private EmailAddresses() {
    }

    /** True when {@code address} is a mailbox with a dotted domain name, as our event schemas require. */
    public static boolean isWellFormed(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_TOTAL) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!LOCAL_PART.matcher(local).matches()) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false; // "someone@localhost" cannot receive mail from anywhere else
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // A numeric last label would be an IP address written without brackets.
        return !DIGITS.matcher(labels[labels.length - 1]).matches();
    }
}
