package io.therapyms.platform.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.platform.app.TestTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.links.LinkProjection.Extra;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The projection's ordering rules, against real dynalite. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LinkProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    LinkProjection links;
    String client;
    String therapist;

    @BeforeEach
    void freshPair() {
        links = new LinkProjection(dynamo, config.prefixed(TestTables.ITEMS), LinkProjectionTest::key);
        client = UUID.randomUUID().toString();
        therapist = UUID.randomUUID().toString();
    }

    @Test
    void anEndProcessedBeforeItsApprovalKeepsThePairUnlinked() {
        assertThat(links.ended(client, therapist, T2).state()).isEqualTo(LinkState.ENDED);

        LinkDecision afterApproval = links.linked(client, therapist, T1);

        assertThat(afterApproval).isEqualTo(new LinkDecision(client, therapist, LinkState.ENDED, T2));
        assertThat(links.isLinked(client, therapist)).isFalse();
    }

    @Test
    void anOlderApprovalArrivingAfterTheEndChangesNothingButANewerOneLinksAgain() {
        links.linked(client, therapist, T1);
        links.ended(client, therapist, T2);

        assertThat(links.linked(client, therapist, T1).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.isLinked(client, therapist)).isFalse();

        assertThat(links.linked(client, therapist, T3).state()).isEqualTo(LinkState.LINKED);
        assertThat(links.find(client, therapist)).contains(new LinkDecision(client, therapist, LinkState.LINKED, T3));
    }

    @Test
    void anEndOlderThanTheStoredApprovalChangesNothingAndSaysSo() {
        links.linked(client, therapist, T3);

        LinkDecision afterEnd = links.ended(client, therapist, T2);

        assertThat(afterEnd).isEqualTo(new LinkDecision(client, therapist, LinkState.LINKED, T3));
        assertThat(links.isLinked(client, therapist)).isTrue();
    }

    @Test
    void aRedeliveredDecisionChangesNothingAndReportsTheSameDecision() {
        links.linked(client, therapist, T1, Extra.set(Map.of("since", AttributeValue.fromS("first"))));
        LinkDecision again = links.linked(client, therapist, T1, Extra.set(Map.of("since", AttributeValue.fromS("second"))));

        assertThat(again).isEqualTo(new LinkDecision(client, therapist, LinkState.LINKED, T1));
        assertThat(stored().get("since").s()).isEqualTo("first");

        links.ended(client, therapist, T2, Extra.set(Map.of("endedBy", AttributeValue.fromS("first"))));
        LinkDecision endAgain = links.ended(client, therapist, T2, Extra.set(Map.of("endedBy", AttributeValue.fromS("second"))));

        assertThat(endAgain).isEqualTo(new LinkDecision(client, therapist, LinkState.ENDED, T2));
        assertThat(stored().get("endedBy").s()).isEqualTo("first");
    }

    @Test
    void anEndAndAnApprovalWithTheSameTimeEndWhicheverCameFirst() {
        links.linked(client, therapist, T1);
        assertThat(links.ended(client, therapist, T1).state()).isEqualTo(LinkState.ENDED);

        String otherTherapist = UUID.randomUUID().toString();
        links.ended(client, otherTherapist, T1);
        assertThat(links.linked(client, otherTherapist, T1).state()).isEqualTo(LinkState.ENDED);

        assertThat(links.isLinked(client, therapist)).isFalse();
        assertThat(links.isLinked(client, otherTherapist)).isFalse();
    }

    @Test
    void aPartysDeletionEndsThePairForGoodWhateverTheTimes() {
        links.linked(client, therapist, T3);

        assertThat(links.closed(client, therapist, T1, Extra.none()).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.isLinked(client, therapist)).isFalse();

        assertThat(links.linked(client, therapist, T2).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.linked(client, therapist, T3.plusSeconds(3600)).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.isLinked(client, therapist)).isFalse();
        assertThat(stored().get(LinkProjection.CLOSED).bool()).isTrue();
    }

    @Test
    void aDeletionBeforeAnyApprovalKeepsEveryLaterApprovalOut() {
        links.closed(client, therapist, T2, Extra.none());

        assertThat(links.linked(client, therapist, T3).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.ended(client, therapist, T3).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.linked(client, therapist, T3.plusSeconds(60)).state()).isEqualTo(LinkState.ENDED);
    }

    @Test
    void timesWithinOneSecondCompareAsInstantsNotAsIsoText() {
        // Instant.toString() gives "10:00:00.500Z" and "10:00:00Z": as text the earlier one sorts last
        links.linked(client, therapist, T1.plusMillis(500));

        assertThat(links.ended(client, therapist, T1).state()).isEqualTo(LinkState.LINKED);
        assertThat(links.ended(client, therapist, T1.plusNanos(500_000_001)).state()).isEqualTo(LinkState.ENDED);
    }

    @Test
    void extraAttributesAreSetAndRemovedInTheSameWrite() {
        links.linked(client, therapist, T1, Extra.set(Map.of("gsi1pk", AttributeValue.fromS("LINKED_TO#" + therapist))));
        assertThat(stored()).containsKeys("gsi1pk", LinkProjection.CLIENT_ID, LinkProjection.THERAPIST_ID);

        links.ended(client, therapist, T2, Extra.none().andRemove("gsi1pk"));

        assertThat(stored()).doesNotContainKey("gsi1pk");
        assertThat(stored().get(LinkProjection.STATUS).s()).isEqualTo("ENDED");
    }

    @Test
    void anItemWrittenBeforeTheProjectionIsOverwrittenByTheFirstDecision() {
        dynamo.putItem(p -> p.tableName(config.prefixed(TestTables.ITEMS)).item(Map.of(
                TableSpec.PK, key(client, therapist).get(TableSpec.PK), TableSpec.SK, key(client, therapist).get(TableSpec.SK),
                "state", AttributeValue.fromS("linked"))));
        assertThat(links.find(client, therapist)).isEmpty();

        assertThat(links.ended(client, therapist, T1).state()).isEqualTo(LinkState.ENDED);
        assertThat(links.isLinked(client, therapist)).isFalse();
    }

    private Map<String, AttributeValue> stored() {
        return dynamo.getItem(g -> g.tableName(config.prefixed(TestTables.ITEMS)).consistentRead(true)
                .key(key(client, therapist))).item();
    }

    private static Map<String, AttributeValue> key(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("LINK#" + clientId + "#" + therapistId),
                TableSpec.SK, AttributeValue.fromS("LINK"));
    }
}
