package io.therapyms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.analytics.ingest.Erasure;
import io.therapyms.analytics.ingest.People;
import io.therapyms.devstack.DevStackResource;

/**
 * The consumer's shortcuts around the store must answer exactly what the single reads and conditional writes they
 * replace would: an event's parties read in one batch, and the "as of" writes a remembered time lets it skip.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class PeopleTest extends AnalyticsTestBase {

    @Inject
    People people;

    @Inject
    Erasure erasure;

    private final EventLog ids = new EventLog(new Random());

    @Test
    void anEventsPartiesReadTogetherAreWhatEachReadAloneSays() {
        String kept = ids.newId();
        String erased = ids.newId();
        erasure.erase(erased, Instant.parse("2026-10-05T10:00:00Z"));

        // the same client twice (a batch read refuses repeated keys), an erased one and one never seen
        Map<String, People.Client> parties = people.clients(List.of(erased, kept, erased));

        assertThat(parties).containsOnlyKeys(erased, kept);
        assertThat(parties.get(kept)).isEqualTo(people.client(kept)).extracting(People.Client::erased).isEqualTo(false);
        assertThat(parties.get(erased)).isEqualTo(people.client(erased));
        assertThat(parties.get(erased).erased()).isTrue();
        assertThat(parties.get(erased).id()).isNotEqualTo(erased);
        assertThat(people.erasureTokens(List.of(kept, erased))).containsExactly(Map.entry(erased, parties.get(erased).id()));
        assertThat(people.erasureTokens(List.of())).isEmpty();
    }

    @Test
    void asOfOnlyMovesForwardInWhateverOrderTheEventsCome() {
        String therapist = ids.newId();
        Instant t1 = Instant.parse("2026-10-05T10:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(60);

        people.applied(List.of(therapist), t2);
        people.applied(List.of(therapist), t1); // older: neither written nor remembered
        assertThat(people.asOf(therapist)).contains(t2);
        people.applied(List.of(therapist), t3);
        assertThat(people.asOf(therapist)).contains(t3);
        assertThat(people.asOf(People.ALL)).hasValueSatisfying(all -> assertThat(all).isAfterOrEqualTo(t3));
    }

    @Test
    void anErasedClientsAsOfIsNotTakenForStoredAnyMore() {
        String client = ids.newId();
        Instant at = Instant.parse("2026-10-05T10:00:00Z");
        people.applied(List.of(client), at);

        people.forgetClient(client); // the erasure removes the item
        assertThat(people.asOf(client)).isEmpty();

        // a fact of the client already in flight when the erasure ran writes it again, as before the memory
        people.applied(List.of(client), at);
        assertThat(people.asOf(client)).contains(at);
    }
}
