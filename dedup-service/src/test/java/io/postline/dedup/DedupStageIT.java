package io.postline.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Original;
import io.postline.dedup.domain.DuplicateDetector.SeenAuthorization;
import io.postline.dedup.store.DedupPurge;
import io.postline.dedup.stage.DedupStage;
import io.postline.events.PipelineEvent;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import io.postline.dedup.store.DedupWindow;
import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.AuthorizationUnique;
import io.postline.events.DuplicateReason;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.Merchant;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class DedupStageIT {
    private static final TopicProbe probe = TopicProbe.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DedupPurge purge;
    @Autowired
    DedupWindow window;
    @Autowired
    DedupStage stage;
    @Autowired
    PlatformTransactionManager transactions;
    @LocalServerPort
    int port;

    static AuthorizationReceived received(String id, String stan, String merchantName) {
        AuthorizationReceived s = SampleEvents.received(id);
        return new AuthorizationReceived(id, s.sourceId(), s.cardToken(), s.acquirerId(),
                new Merchant("M-1", merchantName, "5814", "London", "GB"), s.amount(), null, stan, s.rrn(),
                s.approvalCode(), s.transmissionTime(), s.receivedAt(), null, null);
    }

    static List<ConsumerRecord<String, byte[]>> forKeys(List<ConsumerRecord<String, byte[]>> all, String... keys) {
        List<String> wanted = List.of(keys);
        return all.stream().filter(r -> wanted.contains(r.key())).toList();
    }

    @Test
    void tellsTechnicalResendsUpstreamResendsConflictsAndBusinessDuplicatesApart() {
        AuthorizationReceived original = received("D-A", "100001", "Coffee");
        UUID originalId = UUID.randomUUID();
        double repeatsBefore = count("postline.stage.inbox.repeats");
        probe.sendEvent(originalId, original);
        probe.sendEvent(originalId, original);                                          // (a) same event id
        probe.sendEvent(UUID.randomUUID(), original);                                   // (b) same id, same content
        UUID conflictId = UUID.randomUUID();
        probe.sendEvent(conflictId, received("D-A", "100001", "Coffee & Cake"));         // (c) same id, other content
        UUID businessId = UUID.randomUUID();
        probe.sendEvent(businessId, received("D-B", "100001", "Coffee"));                // (d) other id, same fingerprint

        List<ConsumerRecord<String, byte[]>> parked = forKeys(probe.awaitRecords(
                Topic.AUTHORIZATION_DUPLICATE.topicName(), all -> forKeys(all, "D-A", "D-B").size() >= 2), "D-A", "D-B");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from dropped_resend where authorization_id = 'D-A'", Integer.class))
                .isEqualTo(1));

        List<ConsumerRecord<String, byte[]>> unique = forKeys(probe.readAll(Topic.AUTHORIZATION_UNIQUE.topicName()), "D-A", "D-B");
        assertThat(unique).hasSize(1);
        assertThat(TopicProbe.eventId(unique.getFirst())).isEqualTo(EventIds.derive(originalId, "dedup", 0));
        unique.forEach(r -> EventSchemas.assertConforms(Topic.AUTHORIZATION_UNIQUE, r.value()));
        parked.forEach(r -> EventSchemas.assertConforms(Topic.AUTHORIZATION_DUPLICATE, r.value()));
        assertThat(parked.stream().map(r -> TopicProbe.payload(r, Topic.AUTHORIZATION_DUPLICATE, AuthorizationDuplicate.class)))
                .extracting(AuthorizationDuplicate::authorizationId, AuthorizationDuplicate::reason,
                        AuthorizationDuplicate::originalAuthorizationId, AuthorizationDuplicate::originalEventId)
                .containsExactlyInAnyOrder(
                        tuple("D-A", DuplicateReason.SAME_ID_DIFFERENT_CONTENT, "D-A", originalId),
                        tuple("D-B", DuplicateReason.BUSINESS_DUPLICATE, "D-A", originalId));
        assertThat(jdbc.queryForObject("select original_payload->'merchant'->>'name' from parked_duplicate "
                + "where event_id = ?", String.class, conflictId)).as("a conflict keeps the first version").isEqualTo("Coffee");
        assertThat(jdbc.queryForObject("select payload->'merchant'->>'name' from parked_duplicate where event_id = ?",
                String.class, conflictId)).isEqualTo("Coffee & Cake");
        assertThat(count("postline.stage.inbox.repeats")).as("(a) counted by the inbox").isGreaterThan(repeatsBefore);
        assertThat(meters.counter("postline.dedup.dropped", "reason", "SAME_ID_SAME_CONTENT").count()).isPositive();
        assertThat(meters.counter("postline.dedup.parked", "reason", "SAME_ID_DIFFERENT_CONTENT").count()).isPositive();
        assertThat(meters.counter("postline.dedup.parked", "reason", "BUSINESS_DUPLICATE").count()).isPositive();
        assertThat(meters.counter("postline.dedup.checked").count()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.queryForObject("select fingerprint from fingerprint where authorization_id = 'D-A'", String.class))
                .matches("[0-9a-f]{12}:[0-9a-f]{64}").doesNotContain(original.cardToken());
    }

    @Test
    void anOperatorCanListShowAndReleaseABusinessDuplicateOnceButNotAConflict() throws Exception {
        probe.sendEvent(UUID.randomUUID(), received("R-A", "200001", "Books"));
        UUID business = UUID.randomUUID();
        probe.sendEvent(business, received("R-B", "200001", "Books"));
        UUID conflict = UUID.randomUUID();
        probe.sendEvent(conflict, received("R-A", "200001", "Books and Maps"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from parked_duplicate where authorization_id in ('R-A', 'R-B')", Integer.class) == 2);

        JsonNode page = get("/v1/duplicates?authorizationId=R-B&reason=BUSINESS_DUPLICATE&released=false&size=1");
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("eventId").asString()).isEqualTo(business.toString());
        assertThat(get("/v1/duplicates?size=1&page=0").get("items")).hasSize(1);
        assertThat(get("/v1/duplicates/" + business).get("originalAuthorizationId").asString()).isEqualTo("R-A");

        HttpResponse<String> first = post("/v1/duplicates/" + business + "/release");
        HttpResponse<String> second = post("/v1/duplicates/" + business + "/release");
        HttpResponse<String> refused = post("/v1/duplicates/" + conflict + "/release");
        HttpResponse<String> unknown = post("/v1/duplicates/" + UUID.randomUUID() + "/release");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("only business duplicates can be released");
        assertThat(unknown.statusCode()).isEqualTo(404);
        UUID released = EventIds.derive(business, "dedup/release", 0);
        List<ConsumerRecord<String, byte[]>> unique = forKeys(probe.awaitRecords(Topic.AUTHORIZATION_UNIQUE.topicName(),
                all -> all.stream().anyMatch(r -> TopicProbe.eventId(r).equals(released))), "R-B");
        assertThat(unique).as("released once, however often the operator clicks").hasSize(1);
        assertThat(TopicProbe.payload(unique.getFirst(), Topic.AUTHORIZATION_UNIQUE, AuthorizationUnique.class)
                .authorizationId()).isEqualTo("R-B");
        assertThat(get("/v1/duplicates/" + business).get("releasedBy").asString()).isEqualTo("ops@bank");
    }

    @Test
    void aReplayedAuthorizationWhoseOutputWasLostIsForwardedAgainAsUniqueNotDroppedAsAResendOfItself() {
        UUID id = UUID.randomUUID();
        AuthorizationReceived original = received("D-REPLAY", "300001", "Garden");
        probe.sendEvent(id, original);
        UUID unique = EventIds.derive(id, "dedup", 0);
        probe.awaitRecords(Topic.AUTHORIZATION_UNIQUE.topicName(),
                all -> all.stream().anyMatch(r -> TopicProbe.eventId(r).equals(unique)));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where cause_id = ? and event_id not in (select event_id from outbox_unpublished)", Integer.class, id) == 1);
        jdbc.update("delete from outbox where cause_id = ?", id); // the output is lost

        probe.sendEvent(id, original, true);

        probe.awaitRecords(Topic.AUTHORIZATION_UNIQUE.topicName(),
                all -> all.stream().filter(r -> TopicProbe.eventId(r).equals(unique)).count() == 2);
        assertThat(jdbc.queryForObject("select count(*) from dropped_resend where event_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void lookUpRowsOlderThanTheWindowArePurgedAndThenNoLongerMatch() {
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id, first_seen) "
                + "values ('old-fp', 'OLD-1', ?, now() - interval '25 hours')", UUID.randomUUID());
        jdbc.update("insert into authorization_seen (authorization_id, event_id, content_hash, payload, first_seen) "
                + "values ('OLD-1', ?, 'h', convert_to('{}', 'UTF8'), now() - interval '25 hours')", UUID.randomUUID());

        assertThat(purge.purge()).isGreaterThanOrEqualTo(2);

        assertThat(jdbc.queryForObject("select count(*) from fingerprint where fingerprint = 'old-fp'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from authorization_seen where authorization_id = 'OLD-1'",
                Integer.class)).isZero();
    }

    @Test
    void theWindowRecordsWhatNoOneHoldsTakesOverExpiredRowsAndReadsBothTablesAtOnce() {
        UUID holder = UUID.randomUUID();
        jdbc.update("insert into authorization_seen (authorization_id, event_id, content_hash, payload) "
                + "values ('W-LIVE', ?, 'h-live', convert_to('{}', 'UTF8'))", holder);
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id) values ('fp-w-live', 'W-LIVE', ?)", holder);
        jdbc.update("insert into authorization_seen (authorization_id, event_id, content_hash, payload, first_seen) "
                + "values ('W-OLD', ?, 'h-old', convert_to('{}', 'UTF8'), now() - interval '25 hours')", UUID.randomUUID());
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id, first_seen) "
                + "values ('fp-w-old', 'W-OLD', ?, now() - interval '25 hours')", UUID.randomUUID());
        UUID lost = UUID.randomUUID();
        UUID takesOver = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        List<Candidate> candidates = List.of(new Candidate(lost, "W-LIVE", "fp-w-live", "h-a"),
                new Candidate(takesOver, "W-OLD", "fp-w-old", "h-b"), new Candidate(fresh, "W-NEW", "fp-w-new", "h-c"));
        Duration day = Duration.ofHours(24);

        DedupWindow.Recorded recorded = window.record(candidates.stream().map(c -> new DedupWindow.Sighting(
                c.eventId(), c.contentHash(), received(c.authorizationId(), "400001", "Window"))).toList(), candidates, day);

        assertThat(recorded.sightings()).as("a live row stays its first holder's").containsExactlyInAnyOrder(takesOver, fresh);
        assertThat(recorded.fingerprints()).containsExactlyInAnyOrder(takesOver, fresh);
        DedupWindow.Live live = window.find(List.of("W-LIVE", "W-OLD", "W-NEW", "W-NONE"),
                List.of("fp-w-live", "fp-w-old", "fp-w-new", "fp-w-none"), day);
        assertThat(live.byAuthorizationId()).containsOnly(
                entry("W-LIVE", new SeenAuthorization(holder, "h-live")),
                entry("W-OLD", new SeenAuthorization(takesOver, "h-b")),
                entry("W-NEW", new SeenAuthorization(fresh, "h-c")));
        assertThat(live.byFingerprint()).containsOnly(
                entry("fp-w-live", new Original("W-LIVE", holder)),
                entry("fp-w-old", new Original("W-OLD", takesOver)),
                entry("fp-w-new", new Original("W-NEW", fresh)));
        assertThat(window.payloadOf(fresh)).hasValueSatisfying(json -> assertThat(json).contains("\"W-NEW\""));

        window.forget(List.of(fresh), List.of(takesOver));

        DedupWindow.Live after = window.find(List.of("W-OLD", "W-NEW"), List.of("fp-w-old", "fp-w-new"), day);
        assertThat(after.byAuthorizationId()).containsOnlyKeys("W-OLD");
        assertThat(after.byFingerprint()).containsOnlyKeys("fp-w-new");
    }

    @Test
    void aConsumerThatLosesTheRaceForAFingerprintDecidesAgainAndParksItsAuthorizationAsABusinessDuplicate()
            throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        InboundEvent first = inbound(received("RACE-A", "500001", "Race"));
        InboundEvent second = inbound(received("RACE-B", "500001", "Race")); // same fingerprint, other id
        RecordedOutput firstOut = new RecordedOutput();
        RecordedOutput secondOut = new RecordedOutput();
        CountDownLatch firstHandled = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            // The first consumer records the fingerprint and holds its transaction open.
            Future<?> a = consumers.submit(() -> tx.executeWithoutResult(status -> {
                stage.handle(List.of(first), firstOut);
                firstHandled.countDown();
                try {
                    assertThat(commitFirst.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(firstHandled.await(30, TimeUnit.SECONDS)).isTrue();
            // The second cannot see that row yet: it decides "unique", then its insert waits on the first's.
            Future<?> b = consumers.submit(() -> tx.executeWithoutResult(status -> stage.handle(List.of(second), secondOut)));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query like 'with%fingerprint%'", Integer.class) == 1);
            commitFirst.countDown();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        } finally {
            consumers.shutdownNow();
        }

        assertThat(firstOut.emitted).singleElement().isInstanceOf(AuthorizationUnique.class);
        assertThat(secondOut.emitted).singleElement().isInstanceOfSatisfying(AuthorizationDuplicate.class, d -> {
            assertThat(d.reason()).isEqualTo(DuplicateReason.BUSINESS_DUPLICATE);
            assertThat(d.originalEventId()).isEqualTo(first.eventId());
        });
        assertThat(jdbc.queryForObject("select event_id from parked_duplicate where authorization_id = 'RACE-B'",
                UUID.class)).isEqualTo(second.eventId());
        // The fingerprint stays the winner's; the loser keeps only its sighting, as the first of its own id.
        assertThat(jdbc.queryForList("select event_id from fingerprint where authorization_id in ('RACE-A', 'RACE-B')",
                UUID.class)).containsExactly(first.eventId());
        assertThat(jdbc.queryForList("select authorization_id from authorization_seen where authorization_id like 'RACE-%' "
                + "order by 1", String.class)).containsExactly("RACE-A", "RACE-B");
    }

    private static InboundEvent inbound(AuthorizationReceived a) {
        return new InboundEvent(UUID.randomUUID(), Topic.AUTHORIZATION_RECEIVED, a.authorizationId(), a, Instant.now(),
                false, null);
    }

    /** Collects what the stage emits, in place of the outbox the runtime would give it. */
    private static final class RecordedOutput implements StageOutput {
        final List<PipelineEvent> emitted = new CopyOnWriteArrayList<>();

        @Override
        public void emit(InboundEvent cause, PipelineEvent event) {
            emitted.add(event);
        }

        @Override
        public byte[] emit(InboundEvent cause, PipelineEvent event, UUID eventId) {
            emitted.add(event);
            return EventJson.write(event);
        }

        @Override
        public void deadLetter(InboundEvent cause, String reason) {
            throw new AssertionError("dead-lettered: " + reason);
        }
    }

    private double count(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"releasedBy\":\"ops@bank\",\"reason\":\"verified with acquirer\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
