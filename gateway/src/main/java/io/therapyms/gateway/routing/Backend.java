package io.therapyms.gateway.routing;

import java.net.URI;
import java.util.List;

/**
 * One service behind the gateway: its name (as reported by {@code /health}) and the instances that serve it
 * (one URL, or several separated by commas: {@code AUTH_SERVICE_URL=http://10.0.0.5:8081,http://10.0.0.6:8081}).
 */
public record Backend(String name, List<Instance> instances) {

    /** One process of the service. */
    public record Instance(String host, int port, boolean tls) {

        static Instance of(String service, URI url) {
            String scheme = url.getScheme();
            if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new IllegalArgumentException("The URL of " + service + " must be http(s)://host[:port], not " + url);
            }
            boolean tls = "https".equals(scheme);
            int port = url.getPort() != -1 ? url.getPort() : (tls ? 443 : 80);
            return new Instance(url.getHost(), port, tls);
        }

        @Override
        public String toString() {
            return (tls ? "https://" : "http://") + host + ":" + port;
        }
    }

    public Backend {
        instances = List.copyOf(instances);
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("No URL for " + name);
        }
    }

    static Backend of(String name, List<URI> urls) {
        return new Backend(name, urls.stream().map(url -> Instance.of(name, url)).distinct().toList());
    }
}
