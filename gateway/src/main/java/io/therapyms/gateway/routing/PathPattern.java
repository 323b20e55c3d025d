package io.therapyms.gateway.routing;

/**
 * A path a backend owns: either exact ({@code /api/login}) or a subtree ({@code /api/clients/**},
 * which covers {@code /api/clients} itself and everything below it, but not {@code /api/clientsX}).
 * A {@code *} segment matches any one non-empty segment ({@code /api/sessions/*}{@code /call/**}), so
 * that a service can own a sub-resource of another's resource; the longer base wins (see RouteTable).
 */
record PathPattern(String base, boolean subtree) {

    private static final String SUBTREE_SUFFIX = "/**";

    static PathPattern parse(String pattern) {
        String trimmed = pattern.trim();
        if (!trimmed.startsWith("/")) {
            throw new IllegalArgumentException("A route path must start with '/': " + pattern);
        }
        if (trimmed.endsWith(SUBTREE_SUFFIX)) {
            return new PathPattern(trimmed.substring(0, trimmed.length() - SUBTREE_SUFFIX.length()), true);
        }
        return new PathPattern(trimmed, false);
    }

    boolean matches(String path) {
        if (base.contains("/*")) {
            return matchesSegments(path);
        }
        if (path.equals(base)) {
            return true;
        }
        return subtree && path.startsWith(base) && path.charAt(base.length()) == '/';
    }

    private boolean matchesSegments(String path) {
        String[] wanted = base.split("/", -1);
        String[] given = path.split("/", -1);
        if (given.length < wanted.length || (!subtree && given.length != wanted.length)) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean ok = "*".equals(wanted[i]) ? !given[i].isEmpty() : wanted[i].equals(given[i]);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return subtree ? base + SUBTREE_SUFFIX : base;
    }
}
