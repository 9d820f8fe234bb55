package io.postline.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.AdjustmentDirection;
import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.CloudEventHeaders;
import io.postline.events.DuplicateReason;
import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostedLine;
import io.postline.events.PostingCorrection;
import io.postline.events.PostingPosted;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconItems;
import io.postline.stage.test.GenericPlan;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0",
        "postline.reconciliation.grace=3s", "postline.reconciliation.scan-interval=500ms"})
class ReconciliationIT {
    private static final TopicProbe probe = TopicProbe.shared();
    private static final Instant CLASS_STARTED = Instant.now();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReconItems items;

    @Autowired
    MeterRegistry meters;

    static PostingPosted posted(String authorizationId, UUID journal, long minor) {
        return posted(authorizationId, journal, minor, Instant.now());
    }

    static PostingPosted posted(String authorizationId, UUID journal, long minor, Instant postedAt) {
        return new PostingPosted(authorizationId, UUID.randomUUID(), journal, EntryType.POSTING, null,
                new Money(1250, "GBP"), List.of(
                new PostedLine(0, "41000001", EntrySide.DEBIT, new Money(minor, "GBP"), LegRole.CARDHOLDER),
                new PostedLine(1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, new Money(minor, "GBP"),
                        LegRole.COUNTERPARTY)), postedAt, LocalDate.now(), "<Document/>", null);
    }

    @Test
    @Order(1)
    void everyOutcomeIsClassifiedAndEveryBreakGetsItsPatch() throws Exception {
        UUID receivedMissing = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-MATCH"));
        probe.sendEvent(UUID.randomUUID(), posted("R-MATCH", UUID.randomUUID(), 1250));
        probe.sendEvent(receivedMissing, SampleEvents.received("R-MISSING"));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-DUP"));
        probe.sendEvent(UUID.randomUUID(), new AuthorizationDuplicate("R-DUP", SampleEvents.received("R-DUP"),
                DuplicateReason.BUSINESS_DUPLICATE, "R-MATCH", EventIds.of("x"), SampleEvents.T0));
        probe.sendEvent(UUID.randomUUID(), posted("R-ORPHAN", UUID.randomUUID(), 1250));
        UUID overPosted = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-MISMATCH"));
        probe.sendEvent(UUID.randomUUID(), posted("R-MISMATCH", overPosted, 2000));
        UUID kept = UUID.randomUUID();
        UUID extra = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-TWICE"));
        Instant first = Instant.now();
        probe.sendEvent(UUID.randomUUID(), posted("R-TWICE", kept, 1250, first));
        probe.sendEvent(UUID.randomUUID(), posted("R-TWICE", extra, 1250, first.plusMillis(20))); // the later one

        // Missing posting: the received event is re-published with its own id, marked as a replay.
        ConsumerRecord<String, byte[]> redriven = probe.awaitRecords(Topic.AUTHORIZATION_RECEIVED.topicName(),
                all -> all.stream().anyMatch(r -> "R-MISSING".equals(r.key()) && isReplay(r))).stream()
                .filter(r -> "R-MISSING".equals(r.key()) && isReplay(r)).findFirst().orElseThrow();
        assertThat(TopicProbe.eventId(redriven)).isEqualTo(receivedMissing);
        assertThat(TopicProbe.payload(redriven, Topic.AUTHORIZATION_RECEIVED, AuthorizationReceived.class))
                .isEqualTo(SampleEvents.received("R-MISSING"));
        assertThat(TopicProbe.header(redriven, CloudEventHeaders.SOURCE)).isEqualTo("reconciliation");

        // Duplicate posting: the later entry is reversed; amount mismatch: adjusted by the difference.
        List<PostingCorrection> corrections = probe.awaitRecords(Topic.POSTING_CORRECTION.topicName(),
                all -> all.size() >= 2).stream().map(r -> {
                    EventSchemas.assertConforms(Topic.POSTING_CORRECTION, r.value());
                    return TopicProbe.payload(r, Topic.POSTING_CORRECTION, PostingCorrection.class);
                }).toList();
        assertThat(corrections).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(EntryType.REVERSAL);
            assertThat(c.targetJournalId()).isEqualTo(extra);
            assertThat(c.requestedBy()).isEqualTo("reconciliation/auto-patch");
        }).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(EntryType.ADJUSTMENT);
            assertThat(c.targetJournalId()).isEqualTo(overPosted);
            assertThat(c.adjustment()).isEqualTo(new Money(750, "GBP"));
            assertThat(c.direction()).isEqualTo(AdjustmentDirection.DECREASE);
        });

        JsonNode s = get("/v1/reconciliation/summary");
        assertThat(s.get("authorizations").asLong()).isEqualTo(6);
        assertThat(s.get("matched").asLong()).isEqualTo(1);
        assertThat(s.get("parkedDuplicates").asLong()).isEqualTo(1);
        assertThat(s.get("orphanPostings").asLong()).isEqualTo(1);
        assertThat(s.get("missingPostings").asLong()).isEqualTo(1);
        assertThat(s.get("patchesByKind").get("REDRIVE").asLong()).isPositive();

        JsonNode missing = get("/v1/reconciliation/items/R-MISSING");
        assertThat(missing.get("status").asString()).isEqualTo("MISSING_POSTING");
        assertThat(missing.get("patches").get(0).get("kind").asString()).isEqualTo("REDRIVE");
        assertThat(missing.get("patches").get(0).get("actor").asString()).isEqualTo("reconciliation/auto-patch");

        JsonNode breaks = get("/v1/reconciliation/breaks?class=ORPHAN_POSTING");
        assertThat(breaks.get("total").asLong()).isEqualTo(1);
        assertThat(breaks.get("items").get(0).get("authorizationId").asString()).isEqualTo("R-ORPHAN");
        assertThat(send("/v1/reconciliation/breaks?class=MATCHED", "application/json").statusCode()).isEqualTo(400);
        assertThat(send("/v1/reconciliation/items/NOPE", "application/json").statusCode()).isEqualTo(404);

        String today = SampleEvents.T0.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString(); // received then
        JsonNode report = get("/v1/reconciliation/reports/" + today);
        assertThat(report.get("authorizations").asLong()).isEqualTo(5); // the orphan has no received date
        HttpResponse<String> csv = send("/v1/reconciliation/reports/" + today, "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("section,key,currency,count,amount_minor\n")
                .contains("summary,authorizations,,5,").contains("amount,MATCHED,GBP,1,1250");
    }

    @Test
    @Order(2)
    void theReceivedEventIsKeptOnceApartFromItsItemSoTheItemsUpdatesDoNotCopyIt() {
        // Received, posted (the item written twice), then received again under another event id: the first
        // received event is the one kept.
        UUID first = UUID.randomUUID();
        probe.sendEvent(first, SampleEvents.received("R-KEPT"));
        probe.sendEvent(UUID.randomUUID(), posted("R-KEPT", UUID.randomUUID(), 1250));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-KEPT"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from recon_item "
                + "where authorization_id = 'R-KEPT' and received_count = 2 and first_posted_at is not null", Integer.class) == 1);
        ReconItems.Received kept = items.received("R-KEPT").orElseThrow();
        assertThat(kept.eventId()).isEqualTo(first);
        assertThat(EventJson.mapper().readValue(kept.payload(), AuthorizationReceived.class))
                .isEqualTo(SampleEvents.received("R-KEPT"));
        assertThat(jdbc.queryForObject("select count(*) from recon_received_event where authorization_id = 'R-KEPT'",
                Integer.class)).isEqualTo(1);
        // The item row holds its facts only: smaller than the received event it no longer carries.
        assertThat(jdbc.queryForObject("select pg_column_size(r.*) from recon_item r where authorization_id = 'R-KEPT'",
                Integer.class)).isLessThan(kept.payload().length);
    }

    @Test
    @Order(3)
    void anOperatorReDriveIsAuditedUnderTheOperatorsName() throws Exception {
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-OPERATOR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> send("/v1/reconciliation/items/R-OPERATOR",
                "application/json").statusCode() == 200);
        HttpResponse<String> refused = post("/v1/reconciliation/items/R-OPERATOR/redrive", null, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = post("/v1/reconciliation/items/R-OPERATOR/redrive", "j.smith", "ticket 42");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode item = EventJson.mapper().readTree(accepted.body());
        assertThat(item.get("patches").get(0).get("actor").asString()).isEqualTo("j.smith");
        assertThat(item.get("patches").get(0).get("reason").asString()).contains("ticket 42");
    }

    @Test
    @Order(4)
    void anOperatorReDrivesATimeRangeOfAuthorizationsThatStillWaitForTheirPosting() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        probe.sendEvent(first, SampleEvents.received("R-RANGE-1"));
        probe.sendEvent(second, SampleEvents.received("R-RANGE-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> send("/v1/reconciliation/items/R-RANGE-2",
                "application/json").statusCode() == 200);
        String range = "/v1/reconciliation/redrive?from=" + SampleEvents.T0.minusSeconds(1) + "&to="
                + SampleEvents.T0.plusSeconds(1);

        assertThat(post(range, null, null).statusCode()).isEqualTo(400); // who and why are required
        assertThat(post("/v1/reconciliation/redrive?from=" + SampleEvents.T0 + "&to=" + SampleEvents.T0, "j.smith",
                "x").statusCode()).isEqualTo(400);
        assertThat(post(range + "&status=NOPE", "j.smith", "x").statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = post(range, "j.smith", "incident 7");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(EventJson.mapper().readTree(accepted.body()).get("redriven").asInt()).isGreaterThanOrEqualTo(2);

        probe.awaitRecords(Topic.AUTHORIZATION_RECEIVED.topicName(), all -> all.stream().filter(ReconciliationIT::isReplay)
                .map(TopicProbe::eventId).toList().containsAll(List.of(first, second)));
        JsonNode item = get("/v1/reconciliation/items/R-RANGE-1");
        assertThat(item.get("patches").get(0).get("actor").asString()).isEqualTo("j.smith");
        assertThat(item.get("patches").get(0).get("reason").asString()).contains("incident 7");
    }

    @Test
    @Order(5)
    void anArrivalMeetingAReceivedEventKeptBeforeIsRunAgainAndTheFirstStaysKept() {
        UUID first = UUID.randomUUID();
        probe.sendEvent(first, SampleEvents.received("R-RERUN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> items.find("R-RERUN").isPresent());
        double rerunsBefore = meters.find("postline.stage.batch.reruns").counter().count();

        // The item is gone but its received event is kept (as if their retentions differed): the next arrival's
        // item is new, so the first run inserts it and the received event plainly, and the second insert fails.
        jdbc.update("delete from recon_item where authorization_id = 'R-RERUN'");
        UUID second = UUID.randomUUID();
        probe.sendEvent(second, SampleEvents.received("R-RERUN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> items.find("R-RERUN").isPresent());

        assertThat(meters.find("postline.stage.batch.reruns").counter().count()).isGreaterThan(rerunsBefore);
        assertThat(items.find("R-RERUN").orElseThrow().item().receivedEventId()).isEqualTo(second);
        assertThat(items.received("R-RERUN").orElseThrow().eventId()).as("the first received event stays kept")
                .isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from inbox where event_id = ?", Integer.class, second)).isOne();
    }

    @Test
    @Order(9)
    void theOpenItemsCountedFromTheirIndexAgreeWithAFullCount() {
        Map<ReconStatus, Long> all = items.countByStatus();
        Map<ReconStatus, Long> open = items.countOpenByStatus();

        assertThat(open.keySet()).noneMatch(ReconStatus::isSettled);
        assertThat(open.values().stream().mapToLong(Long::longValue).sum()).as("the earlier tests left open items")
                .isPositive();
        open.forEach((status, n) -> assertThat(n).as(status.name()).isEqualTo(all.get(status)));
    }

    @Test
    @Order(10)
    void theScanForQuietItemsReadsTheOpenItemsIndexEvenAsAPreparedStatement() {
        // pgjdbc prepares a statement on the server after a few runs; PostgreSQL may then plan it once for any
        // parameters (a generic plan). Such a plan can use the partial index only if the statement's own text
        // implies the index predicate, and with only settled items' entries left out of it the scan stays small.
        // A table this small would be read whole otherwise.
        String plan = GenericPlan.of(jdbc, ReconItems.quietScan(List.of(ReconStatus.AWAITING_POSTING)),
                "text[], float8, int", "'{AWAITING_POSTING}', 30, 500", "enable_seqscan = off");

        assertThat(plan).as(plan).contains("recon_item_open");
    }

    @Test
    @Order(10)
    void whileBehindTheScanReadsOnlyTheItemsThatNeedAction() {
        // While posting works through a backlog the scan leaves items awaiting their posting alone; the open-items
        // index holds every one of them, so the scan for held and broken items reads an index of those alone.
        List<ReconStatus> held = List.of(ReconStatus.HELD, ReconStatus.AMOUNT_MISMATCH, ReconStatus.DUPLICATE_POSTING);
        String plan = GenericPlan.of(jdbc, ReconItems.quietScan(held), "text[], float8, int",
                "'{HELD,AMOUNT_MISMATCH,DUPLICATE_POSTING}', 30, 500", "enable_seqscan = off");

        assertThat(plan).as(plan).contains("recon_item_needing_action");
    }

    @Test
    @Order(11)
    void theAgeOfTheOldestOpenBreakIsExportedForItsAlert() {
        // The earlier tests left breaks open (R-MISSING, R-ORPHAN). Their age counts from when reconciliation
        // first saw them, not from the authorization's acceptance (2026-11-20 in the sample events): a held
        // batch's authorizations arrive hours after they were accepted.
        Instant oldest = items.oldestOpenBreak();
        assertThat(oldest).isBetween(CLASS_STARTED, Instant.now());

        // The scan refreshes the gauge the "break unpatched too long" alert reads.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(meters
                .get("postline.reconciliation.breaks.oldest.age").gauge().value())
                .isBetween(1.0, Duration.between(oldest, Instant.now()).toSeconds() + 1.0));
    }

    private static boolean isReplay(ConsumerRecord<String, byte[]> r) {
        return "true".equals(TopicProbe.header(r, CloudEventHeaders.REPLAY));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path, "application/json");
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    private HttpResponse<String> send(String path, String accept) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String by, String why) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .POST(HttpRequest.BodyPublishers.noBody());
        if (by != null) {
            b.header("X-Changed-By", by).header("X-Change-Reason", why);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
