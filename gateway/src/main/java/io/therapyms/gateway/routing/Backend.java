package io.therapyms.gateway.routing;

import java.net.URI;

/** One service behind the gateway: its name (as reported by {@code /health}) and where it listens. */
public record Backend(String name, String host, int port, boolean tls) {

    static Backend of(String name, URI url) {
        String scheme = url.getScheme();
        if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("The URL of " + name + " must be http(s)://host[:port], not " + url);
        }
        boolean tls = "https".equals(scheme);
        int port = url.getPort() != -1 ? url.getPort() : (tls ? 443 : 80);
        return new Backend(name, url.getHost(), port, tls);
    }
}
