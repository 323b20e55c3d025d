package io.therapyms.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void matchesAddressesInsideConfiguredBlocks() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

        assertThat(proxies.isTrusted("10.200.3.4")).isTrue();
        assertThat(proxies.isTrusted("11.0.0.1")).isFalse();
        assertThat(proxies.isTrusted("192.168.1.7")).isTrue();
        assertThat(proxies.isTrusted("192.168.1.8")).isFalse();
        assertThat(proxies.isTrusted("fd12:3456::1")).isTrue();
        assertThat(proxies.isTrusted("::ffff:10.1.2.3")).isTrue();
    }

    @Test
    void neverTrustsNamesOrGarbage() {
        TrustedProxies proxies = new TrustedProxies(List.of("0.0.0.0/0"));

        assertThat(proxies.isTrusted("localhost")).isFalse();
        assertThat(proxies.isTrusted("not an address")).isFalse();
    }

    @Test
    void trustsNobodyByDefault() {
        assertThat(new TrustedProxies(List.of()).isTrusted("127.0.0.1")).isFalse();
        assertThat(new TrustedProxies(List.of("")).isTrusted("127.0.0.1")).isFalse();
    }

    @Test
    void rejectsAMalformedConfiguration() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
