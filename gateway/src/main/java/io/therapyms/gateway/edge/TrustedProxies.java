package io.therapyms.gateway.edge;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.util.NetUtil;
import io.therapyms.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides whom to believe about the original client: {@code X-Forwarded-*} headers count only when
 * the connection comes from one of the configured proxies; from anyone else they are ignored, since
 * any client can write them.
 */
@ApplicationScoped
public class TrustedProxies {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

    /** An address block: the network's bytes and how many leading bits must match. */
    record Block(byte[] network, int prefixLength) {

        static Block parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            byte[] network = ipBytes(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR block: " + cidr);
            }
            int maxPrefix = network.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : maxPrefix;
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Block> blocks;

    @Inject
    TrustedProxies(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    TrustedProxies(List<String> cidrs) {
        this.blocks = cidrs.stream().filter(entry -> !entry.isBlank()).map(Block::parse).toList();
    }

    public boolean isTrusted(String address) {
        byte[] bytes = ipBytes(address);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /** Whether the direct peer of this request is a trusted proxy. */
    public boolean fromTrustedProxy(HttpServerRequest request) {
        return isTrusted(request.remoteAddress().hostAddress());
    }

    /**
     * The address rate limits are keyed by: the socket peer, or, when that is a trusted proxy, the
     * right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy (everything
     * left of it was written by parties we cannot vouch for).
     */
    public String clientAddress(HttpServerRequest request) {
        String address = request.remoteAddress().hostAddress();
        if (!isTrusted(address)) {
            return address;
        }
        List<String> forwardedFor = request.headers().getAll(X_FORWARDED_FOR).stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::trim)
                .toList();
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String hop = forwardedFor.get(i);
            if (ipBytes(hop) == null) {
                // A malformed entry: the last well-formed hop is the best we know.
                return address;
            }
            address = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return address;
    }

    /** Whether the client's request arrived over TLS, here or at a trusted proxy in front of us. */
    public boolean overTls(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        return fromTrustedProxy(request) && "https".equalsIgnoreCase(request.getHeader(X_FORWARDED_PROTO));
    }

    /**
     * The bytes of an IP literal, IPv4-mapped IPv6 folded to IPv4; null for anything else. Never
     * resolves names: these strings come from request headers.
     */
    static byte[] ipBytes(String literal) {
        String candidate = literal.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(candidate);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xFF && ipv6[11] == (byte) 0xFF;
    }
}
