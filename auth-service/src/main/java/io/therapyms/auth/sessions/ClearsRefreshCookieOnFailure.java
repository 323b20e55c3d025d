package io.therapyms.auth.sessions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an endpoint whose 401 means the browser's refresh cookie is dead: the answer to a cookie
 * transport request then clears it, so the web app does not keep presenting it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface ClearsRefreshCookieOnFailure {
}
