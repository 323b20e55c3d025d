package io.therapyms.therapists.profiles;

import static io.therapyms.therapists.TherapistApi.as;
import static io.therapyms.therapists.TherapistApi.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.therapists.DynamoCallRecorder;
import io.therapyms.therapists.TherapistApi;
import io.therapyms.therapists.config.TherapistTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * 2,000 therapists in the table; every directory filter is served by a Query on an index whose
 * scanned count is bounded by the page, never by a Scan of the table.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryTest {

    static final int THERAPISTS = 2000;
    static final int EXPERTISES = 10;
    static final int LOCATIONS = 7;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    /** Unique per run, so other test classes' therapists never show up in these partitions. */
    final String run = "r" + newId().substring(0, 8);

    @BeforeAll
    void loadTwoThousandTherapists() throws Exception {
        List<WriteRequest> writes = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < THERAPISTS; i++) {
            Therapist t = new Therapist(newId(), "t" + i + "@example.org", String.format("%s Therapist %04d", run, i),
                    List.of(expertise(i % EXPERTISES)), location(i % LOCATIONS), null, List.of("en"), null, accepting(i),
                    verified(i), now, now, 1);
            Directory.allItems(t).forEach(item -> writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(item).build()).build()));
        }
        String table = config.prefixed(TherapistTables.MAIN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            done.add(pool.submit(() -> {
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> current = pending;
                    BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(current));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    String expertise(int k) {
        return run + "-exp-" + k;
    }

    String location(int k) {
        return run + "-city-" + k;
    }

    @Test
    void aFilteredPageIsServedByAnIndexQueryWithoutAScan() {
        Set<String> found = new HashSet<>();
        String cursor = null;
        int pages = 0;
        int scannedInAll = 0;
        do {
            DynamoCallRecorder.reset();
            var request = as(newId(), "client").queryParam("expertise", expertise(3)).queryParam("location", location(4))
                    .queryParam("acceptingClients", true).queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/therapists").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items).hasSizeLessThanOrEqualTo(5).allSatisfy(item -> {
                assertThat((List<String>) item.get("expertise")).containsExactly(expertise(3));
                assertThat(item.get("location")).isEqualTo(location(4));
                assertThat(item.get("acceptingClients")).isEqualTo(true);
                assertThat(item.get("verified")).isEqualTo(true);
            });
            items.forEach(item -> found.add((String) item.get("name")));

            List<DynamoCallRecorder.Call> calls = DynamoCallRecorder.calls();
            assertThat(calls).noneMatch(c -> c.operation().equals("Scan"));
            List<DynamoCallRecorder.Call> directoryQueries = calls.stream()
                    .filter(c -> c.operation().equals("Query") && "gsi1".equals(c.index())).toList();
            assertThat(directoryQueries).isNotEmpty();
            int scanned = directoryQueries.stream().mapToInt(DynamoCallRecorder.Call::scannedCount).sum();
            // one page reads at most MAX_ROUNDS x limit entries of the expertise partition
            assertThat(scanned).isLessThanOrEqualTo(Directory.MAX_ROUNDS * 5);
            scannedInAll += scanned;
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < THERAPISTS; i++) {
            if (i % EXPERTISES == 3 && i % LOCATIONS == 4 && accepting(i) && verified(i)) {
                expected.add(String.format("%s Therapist %04d", run, i));
            }
        }
        assertThat(found).isNotEmpty().isEqualTo(expected);
        // the whole walk reads the expertise partition (200 entries) once, never the 6,000-item table
        assertThat(scannedInAll).isLessThanOrEqualTo(THERAPISTS / EXPERTISES + pages);
    }

    static boolean accepting(int i) {
        return (i / 10) % 2 == 0;
    }

    /**
     * One in six is unverified, across every expertise and location, so that with this data each
     * filter, in every combination of the others, changes the result (checked by the test below).
     */
    static boolean verified(int i) {
        return i % 6 != 3;
    }

    /** The directory's filters, one bit each in a combination. */
    static final int EXPERTISE = 1, LOCATION = 2, NAME = 4, ACCEPTING = 8, UNVERIFIED = 16, ALL = 31;

    /** Indices of this run's therapists that the combination must return. */
    static Set<Integer> expected(int combination) {
        Set<Integer> matching = new HashSet<>();
        for (int i = 0; i < THERAPISTS; i++) {
            if ((combination & EXPERTISE) != 0 && i % EXPERTISES != 3
                    || (combination & LOCATION) != 0 && i % LOCATIONS != 4
                    || (combination & NAME) != 0 && i >= 1000
                    || (combination & ACCEPTING) != 0 && !accepting(i)
                    || verified(i) == ((combination & UNVERIFIED) != 0)) {
                continue;
            }
            matching.add(i);
        }
        return matching;
    }

    @Test
    void theDataLetEveryFilterChangeTheResultOfEveryCombination() {
        for (int combination = 0; combination <= ALL; combination++) {
            assertThat(expected(combination)).as("combination %d", combination).isNotEmpty();
            for (int filter = 1; filter <= UNVERIFIED; filter <<= 1) {
                if ((combination & filter) != 0) {
                    assertThat(expected(combination)).as("combination %d without %d", combination, filter)
                            .isNotEqualTo(expected(combination & ~filter));
                }
            }
        }
    }

    @Test
    void everyFilterCombinationReturnsExactlyTheMatchingTherapistsAcrossPages() {
        DynamoCallRecorder.reset();
        String namePrefix = run + " therapist 0"; // 0000-0999
        for (int combination = 0; combination <= ALL; combination++) {
            boolean byExpertise = (combination & EXPERTISE) != 0;
            boolean byLocation = (combination & LOCATION) != 0;
            boolean byName = (combination & NAME) != 0;
            boolean acceptingOnly = (combination & ACCEPTING) != 0;
            boolean unverified = (combination & UNVERIFIED) != 0;
            Set<String> names = new HashSet<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = unverified ? TherapistApi.asAdmin().queryParam("verified", false) : as(newId(), "client");
                // without expertise or location the name index holds every therapist of the table: bigger pages
                request.queryParam("limit", byExpertise || byLocation ? 25 : 200);
                if (byExpertise) {
                    request.queryParam("expertise", expertise(3));
                }
                if (byLocation) {
                    request.queryParam("location", location(4));
                }
                if (byName) {
                    request.queryParam("q", namePrefix.toUpperCase(Locale.ROOT));
                }
                if (acceptingOnly) {
                    request.queryParam("acceptingClients", true);
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/therapists").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("items");
                int shown = combination;
                assertThat(items).as("combination %d", shown).allSatisfy(item -> {
                    assertThat(item.get("verified")).isEqualTo(!unverified);
                    if (acceptingOnly) {
                        assertThat(item.get("acceptingClients")).isEqualTo(true);
                    }
                    if (byName) {
                        assertThat(((String) item.get("name")).toLowerCase(Locale.ROOT)).startsWith(namePrefix);
                    }
                });
                // the name index is shared with other test classes' therapists: compare this run's only
                items.stream().map(item -> (String) item.get("name")).filter(n -> n.startsWith(run + " ")).forEach(names::add);
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 200);
            Set<String> expectedNames = new HashSet<>();
            expected(combination).forEach(i -> expectedNames.add(String.format("%s Therapist %04d", run, i)));
            assertThat(names).as("combination %d", combination).isEqualTo(expectedNames);
        }
        assertThat(DynamoCallRecorder.calls()).noneMatch(c -> c.operation().equals("Scan"));
    }

    @Test
    void theNameIndexServesTheUnfilteredDirectoryAndNamePrefixes() {
        DynamoCallRecorder.reset();
        List<String> names = as(newId(), "client").queryParam("q", run + " THERAPIST 000").queryParam("limit", 20)
                .get("/api/therapists").then().statusCode(200).extract().jsonPath().getList("items.name");
        // 0000..0009 without the unverified 0003 and 0009
        assertThat(names).hasSize(8).isSorted().allMatch(n -> n.startsWith(run + " Therapist 000"));
        assertThat(DynamoCallRecorder.calls()).noneMatch(c -> c.operation().equals("Scan"));
        int scanned = DynamoCallRecorder.calls().stream().filter(c -> "gsi1".equals(c.index()))
                .mapToInt(DynamoCallRecorder.Call::scannedCount).sum();
        assertThat(scanned).isLessThanOrEqualTo(20);
    }

    @Test
    void anAdminListsExactlyTheUnverifiedTherapistsOfAnExpertise() {
        // expertise 9 has verified and unverified therapists: ignoring verified=false would list the verified ones
        List<Map<String, Object>> items = TherapistApi.asAdmin().queryParam("expertise", expertise(9)).queryParam("verified", false)
                .queryParam("limit", 200).get("/api/therapists").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Set<String> expected = new HashSet<>();
        for (int i = 9; i < THERAPISTS; i += EXPERTISES) {
            if (!verified(i)) {
                expected.add(String.format("%s Therapist %04d", run, i));
            }
        }
        assertThat(expected).hasSizeBetween(1, THERAPISTS / EXPERTISES - 1);
        assertThat(items).extracting(item -> item.get("name")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(items).allSatisfy(item -> assertThat(item.get("verified")).isEqualTo(false));
    }

    @Test
    void aCursorFromAnotherQueryOrAlteredIsRefused() {
        String cursor = as(newId(), "client").queryParam("expertise", expertise(1)).queryParam("limit", 2)
                .get("/api/therapists").then().statusCode(200).extract().path("nextCursor");
        as(newId(), "client").queryParam("expertise", expertise(2)).queryParam("cursor", cursor)
                .get("/api/therapists").then().statusCode(400);
        as(newId(), "client").queryParam("expertise", expertise(1)).queryParam("cursor", cursor + "x")
                .get("/api/therapists").then().statusCode(400);
        as(newId(), "client").queryParam("limit", 201).get("/api/therapists").then().statusCode(400);
    }
}
