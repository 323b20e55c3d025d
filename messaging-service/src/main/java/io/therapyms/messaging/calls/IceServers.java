package io.therapyms.messaging.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ICE servers a party gets: TURN with time-limited credentials when {@code TURN_URLS} and
 * {@code TURN_SECRET} are set (the TURN REST API convention that coturn's {@code use-auth-secret}
 * checks: username {@code <expiry>:<userId>}, credential base64 HMAC-SHA1 of it), STUN when
 * {@code STUN_URLS} is set, nothing otherwise (peers on one network still connect directly).
 */
@Singleton
public class IceServers {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServer(List<String> urls, String username, String credential) {
    }

    Optional<List<String>> turnUrls;
    Optional<String> turnSecret;
    Optional<List<String>> stunUrls;

    @Inject
    IceServers(@ConfigProperty(name = "messaging.calls.turn-urls") Optional<List<String>> turnUrls,
            @ConfigProperty(name = "messaging.calls.turn-secret") Optional<String> turnSecret,
            @ConfigProperty(name = "messaging.calls.stun-urls") Optional<List<String>> stunUrls) {
        this.turnUrls = turnUrls.map(IceServers::nonBlank).filter(l -> !l.isEmpty());
        this.turnSecret = turnSecret.filter(s -> !s.isBlank());
        this.stunUrls = stunUrls.map(IceServers::nonBlank).filter(l -> !l.isEmpty());
    }

    /** The servers for {@code userId}, with TURN credentials valid until {@code expiresAt}. */
    public List<IceServer> forUser(String userId, Instant expiresAt) {
        List<IceServer> servers = new ArrayList<>();
        stunUrls.ifPresent(urls -> servers.add(new IceServer(urls, null, null)));
        if (turnUrls.isPresent() && turnSecret.isPresent()) {
            String username = expiresAt.getEpochSecond() + ":" + userId;
            servers.add(new IceServer(turnUrls.get(), username, credential(turnSecret.get(), username)));
        }
        return servers;
    }

    static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
