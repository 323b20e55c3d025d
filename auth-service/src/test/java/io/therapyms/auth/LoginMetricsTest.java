package io.therapyms.auth;

import static io.therapyms.auth.AuthApi.login;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.Metrics;

/** Failed and throttled logins as an operator sees them at /q/metrics, without any email in the labels. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LoginMetricsTest {

    @Test
    void countsFailedAndThrottledLogins() {
        double failuresBefore = Metrics.valueOrZero("tms_auth_login_failures_total");
        double throttledBefore = Metrics.valueOrZero("tms_auth_login_throttled_total");
        String email = AuthApi.freshEmail();

        for (int i = 0; i < 5; i++) {
            login(email, "guess number " + i + "!!").then().statusCode(401);
        }
        login(email, "guess number 6!!").then().statusCode(429);
        login(email, "guess number 7!!").then().statusCode(429);

        String scrape = Metrics.scrape();
        assertThat(Metrics.valueIn(scrape, "tms_auth_login_failures_total")).hasValue(failuresBefore + 5);
        assertThat(Metrics.valueIn(scrape, "tms_auth_login_throttled_total")).hasValue(throttledBefore + 2);
        assertThat(scrape).doesNotContain(email);
    }

    @Test
    void timesLoginRequestsPerRouteAndStatus() {
        login(AuthApi.freshEmail(), "not a real password at all").then().statusCode(401);

        assertThat(Metrics.valueOrZero("http_server_requests_seconds_count", "uri=/api/login", "status=401")).isPositive();
    }
}
