package io.therapyms.gateway.routing;

/**
 * A path a backend owns: either exact ({@code /api/login}) or a subtree ({@code /api/clients/**},
 * which covers {@code /api/clients} itself and everything below it, but not {@code /api/clientsX}).
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
        if (path.equals(base)) {
            return true;
        }
        return subtree && path.startsWith(base) && path.charAt(base.length()) == '/';
    }

    @Override
    public String toString() {
        return subtree ? base + SUBTREE_SUFFIX : base;
    }
}
