package io.therapyms.gateway.edge;

/** The public API lives under {@code /api}; this is the one place that says so. */
public final class ApiPaths {

    private static final String API_ROOT = "/api";

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path != null && (path.equals(API_ROOT) || path.startsWith(API_ROOT + "/"));
    }
}
