package io.therapyms.systemtests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.SystemStack;

/** Random requests from the merged OpenAPI document: whatever a client sends, the system never answers with a 5xx. */
@ExtendWith(SystemStack.class)
class FuzzTest {

    @Test
    void noRequestGetsAServerError(Api api) {
        Fuzzer.Report report = new Fuzzer(api).run(Fuzzer.seed(), Fuzzer.configuredRequests(1_000));

        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(report.serverErrors()).isZero();
        assertThat(report.statuses().keySet()).as("some requests got through").anyMatch(status -> status < 300);
    }
}
