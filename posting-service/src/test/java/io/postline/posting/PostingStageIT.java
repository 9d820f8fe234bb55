package io.postline.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.postline.events.AdjustmentDirection;
import io.postline.events.CloudEventHeaders;
import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.PostingCorrection;
import io.postline.events.PostingLeg;
import io.postline.events.PostingPosted;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionHeld;
import io.postline.iso20022.Iso20022Schemas;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0",
        "postline.posting.incomplete-after=2s", "postline.posting.incomplete-check-interval=500ms",
        "postline.posting.bank-input.batch-sources=acquirer-batch",
        "postline.posting.bank-input.directory=target/posting-files-it"})
class PostingStageIT {
    private static final TopicProbe probe = TopicProbe.shared();
    private static final String POSTED = Topic.POSTING_POSTED.topicName();

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    static PostingLeg leg(String auth, UUID seq, int index, String account, EntrySide side, long minor) {
        return leg(auth, seq, index, account, side, minor, "pos-switch");
    }

    static PostingLeg leg(String auth, UUID seq, int index, String account, EntrySide side, long minor, String source) {
        return new PostingLeg(auth, seq, index, 2, account, index == 0 ? "20-00-00" : null, side,
                new Money(minor, "GBP"), "Shop, Town", new Money(minor, "GBP"), "1", "card-purchase-default",
                index == 0 ? LegRole.CARDHOLDER : LegRole.COUNTERPARTY,
                new PostingContext(source, "CTK000001", "000000123456", SampleEvents.T0, new Money(minor, "GBP"), null));
    }

    /** Posts a two-leg sequence and returns its posted event. */
    static PostingPosted postSequence(String auth, String account, long minor, String source) {
        UUID seq = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), leg(auth, seq, 0, account, EntrySide.DEBIT, minor, source));
        probe.sendEvent(UUID.randomUUID(), leg(auth, seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, minor, source));
        return postedFor(auth, 1).getFirst();
    }

    static List<PostingPosted> postedFor(String auth, int atLeast) {
        return probe.awaitRecords(POSTED, all -> forKey(all, auth).size() >= atLeast).stream()
                .filter(r -> auth.equals(r.key()))
                .map(r -> TopicProbe.payload(r, Topic.POSTING_POSTED, PostingPosted.class)).toList();
    }

    static List<ConsumerRecord<String, byte[]>> forKey(List<ConsumerRecord<String, byte[]>> all, String key) {
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Test
    void legsInAnyOrderAndRepeatedArePostedOnceAsABalancedEntryWithItsCamt054AndPostingRecord() {
        UUID seq = UUID.randomUUID();
        PostingLeg debit = leg("POST-1", seq, 0, "41000001", EntrySide.DEBIT, 1250);
        PostingLeg credit = leg("POST-1", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 1250);
        UUID creditId = UUID.randomUUID();
        probe.sendEvent(creditId, credit);
        probe.sendEvent(UUID.randomUUID(), debit);
        probe.sendEvent(creditId, credit); // redelivered
        probe.sendEvent(UUID.randomUUID(), credit); // re-emitted under another id after posting

        var posted = probe.awaitRecords(POSTED, all -> !forKey(all, "POST-1").isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from pending_leg where authorization_id = 'POST-1'", Integer.class)).isZero());

        var mine = forKey(posted, "POST-1");
        assertThat(mine).hasSize(1);
        EventSchemas.assertConforms(Topic.POSTING_POSTED, mine.getFirst().value());
        PostingPosted event = TopicProbe.payload(mine.getFirst(), Topic.POSTING_POSTED, PostingPosted.class);
        assertThat(event.journalId()).isEqualTo(EventIds.derive(seq, "posting/journal", 0));
        assertThat(TopicProbe.eventId(mine.getFirst())).isEqualTo(EventIds.derive(event.journalId(), "posting/posted", 0));
        assertThat(event.entryType()).isEqualTo(EntryType.POSTING);
        assertThat(event.lines()).hasSize(2);
        Iso20022Schemas.validate("camt.054.001.08.xsd", event.camt054());
        assertThat(event.camt054()).contains("<Amt Ccy=\"GBP\">12.50</Amt>").contains("<CdtDbtInd>DBIT</CdtDbtInd>")
                .contains("TKN:CTK000001");
        assertThat(event.bankPostingRecord().lines().toList()).hasSize(4).first().asString()
                .startsWith("H" + event.journalId());
        assertThat(event.bankPostingRecord().lines().toList().getLast()).startsWith("T000000002");
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-1'",
                Integer.class)).isEqualTo(1);
        assertEntryRowHolds(event);
        assertThat(jdbc.queryForObject("select debit_minor from account_balance where account_number = '41000001'",
                Long.class)).isEqualTo(1250);
        assertThat(jdbc.queryForObject("select sum(case when side = 'D' then amount_minor else -amount_minor end) "
                + "from journal_line", Long.class)).isZero();
    }

    @Test
    void aReplayedLegOfAPostedSequenceReEmitsThePostedEventUnderItsOneIdEvenWhenItsOutputWasLost() {
        UUID seq = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        PostingLeg debit = leg("POST-REPLAY", seq, 0, "41000011", EntrySide.DEBIT, 700);
        probe.sendEvent(first, debit);
        probe.sendEvent(UUID.randomUUID(), leg("POST-REPLAY", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 700));
        PostingPosted posted = postedFor("POST-REPLAY", 1).getFirst();
        jdbc.update("delete from outbox where topic = ? and message_key = 'POST-REPLAY'", POSTED); // output lost

        probe.sendEvent(first, debit, true); // the leg that did not complete the sequence, replayed

        List<ConsumerRecord<String, byte[]>> again = forKey(probe.awaitRecords(POSTED,
                all -> forKey(all, "POST-REPLAY").size() == 2), "POST-REPLAY");
        assertThat(again).extracting(TopicProbe::eventId).containsOnly(EventIds.derive(posted.journalId(),
                "posting/posted", 0));
        assertThat(TopicProbe.header(again.getLast(), CloudEventHeaders.REPLAY)).isEqualTo("true");
        assertThat(TopicProbe.payload(again.getLast(), Topic.POSTING_POSTED, PostingPosted.class)).isEqualTo(posted);
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-REPLAY'",
                Integer.class)).isOne();
    }

    @Test
    void aReversalAndAnAdjustmentArePostedOnceAndAnImpossibleCorrectionIsDeadLettered() {
        PostingPosted original = postSequence("POST-CORR", "41000021", 2000, "pos-switch");
        PostingPosted other = postSequence("POST-ADJ", "41000022", 2000, "pos-switch");

        PostingCorrection reversal = correction("POST-CORR", EntryType.REVERSAL, original.journalId(), null, null);
        UUID reversalEvent = UUID.randomUUID();
        probe.sendEvent(reversalEvent, reversal);
        probe.sendEvent(UUID.randomUUID(), reversal); // asked twice under one correction id: posted once
        probe.sendEvent(UUID.randomUUID(), correction("POST-ADJ", EntryType.ADJUSTMENT, other.journalId(),
                new Money(500, "GBP"), AdjustmentDirection.DECREASE));
        PostingPosted reversed = postedFor("POST-CORR", 2).stream()
                .filter(p -> p.entryType() == EntryType.REVERSAL).findFirst().orElseThrow();
        // Another correction id reversing the same entry, and a correction of an entry that does not exist.
        probe.sendEvent(UUID.randomUUID(), correction("POST-CORR", EntryType.REVERSAL, original.journalId(), null, null));
        probe.sendEvent(UUID.randomUUID(), correction("POST-CORR", EntryType.REVERSAL, UUID.randomUUID(), null, null));

        assertThat(reversed.correctsJournalId()).isEqualTo(original.journalId());
        assertThat(reversed.lines()).extracting(l -> l.side()).containsExactly(EntrySide.CREDIT, EntrySide.DEBIT);
        Iso20022Schemas.validate("camt.054.001.08.xsd", reversed.camt054());
        PostingPosted adjusted = postedFor("POST-ADJ", 2).stream()
                .filter(p -> p.entryType() == EntryType.ADJUSTMENT).findFirst().orElseThrow();
        assertThat(adjusted.lines()).extracting(l -> l.amount()).containsOnly(new Money(500, "GBP"));

        var dead = probe.awaitRecords(Topic.POSTING_CORRECTION.deadLetterTopic(),
                all -> forKey(all, "POST-CORR").size() >= 2);
        assertThat(forKey(dead, "POST-CORR")).extracting(r -> TopicProbe.header(r, CloudEventHeaders.DLT_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("is already reversed by"))
                .anySatisfy(reason -> assertThat(reason).contains("is not in the ledger"));
        assertThat(jdbc.queryForObject("select debit_minor - credit_minor from account_balance "
                + "where account_number = '41000021'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select debit_minor - credit_minor from account_balance "
                + "where account_number = '41000022'", Long.class)).isEqualTo(1500);
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-CORR'",
                Integer.class)).isEqualTo(2);
        assertEntryRowHolds(reversed);
        assertEntryRowHolds(adjusted);
    }

    /** The ledger's row of a posted entry holds what the event says, to the microsecond PostgreSQL keeps. */
    private void assertEntryRowHolds(PostingPosted event) {
        var row = jdbc.queryForMap("select posting_sequence_id, authorization_id, entry_type, corrects_journal_id, "
                + "business_date, authorized_minor, authorized_currency, posted_event, posted_at "
                + "from journal_entry where journal_id = ?", event.journalId());
        assertThat(row.get("posting_sequence_id")).isEqualTo(event.postingSequenceId());
        assertThat(row.get("authorization_id")).isEqualTo(event.authorizationId());
        assertThat(row.get("entry_type")).isEqualTo(event.entryType().name());
        assertThat(row.get("corrects_journal_id")).isEqualTo(event.correctsJournalId());
        assertThat(((java.sql.Date) row.get("business_date")).toLocalDate()).isEqualTo(event.businessDate());
        assertThat(new Money((Long) row.get("authorized_minor"), ((String) row.get("authorized_currency")).trim()))
                .isEqualTo(event.authorizedAmount());
        assertThat(EventJson.read((byte[]) row.get("posted_event"), PostingPosted.class)).isEqualTo(event);
        Instant postedAt = ((java.sql.Timestamp) row.get("posted_at")).toInstant();
        assertThat(Duration.between(event.postedAt(), postedAt).abs()).isLessThanOrEqualTo(Duration.ofNanos(500));
    }

    @Test
    void aSequenceStillIncompleteAfterTheTimeoutIsReportedOnceAndNotPosted() throws Exception {
        UUID seq = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), leg("POST-HALF", seq, 0, "41000031", EntrySide.DEBIT, 900));

        var held = probe.awaitRecords(Topic.TRANSACTION_HELD.topicName(), all -> !forKey(all, "POST-HALF").isEmpty());
        TransactionHeld h = TopicProbe.payload(forKey(held, "POST-HALF").getFirst(), Topic.TRANSACTION_HELD,
                TransactionHeld.class);
        assertThat(h.stage()).isEqualTo("posting");
        assertThat(h.reasonCode()).isEqualTo("INCOMPLETE_SEQUENCE");
        assertThat(h.detail()).contains("1 of 2 legs");
        JsonNode listed = get("/v1/posting-sequences/incomplete");
        assertThat(listed.findValuesAsString("authorizationId")).contains("POST-HALF");
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() ->
                forKey(probe.readAll(Topic.TRANSACTION_HELD.topicName()), "POST-HALF").size() == 1); // reported once
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-HALF'",
                Integer.class)).isZero();

        // The missing leg arrives late: the sequence is posted after all.
        probe.sendEvent(UUID.randomUUID(), leg("POST-HALF", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 900));
        assertThat(postedFor("POST-HALF", 1)).hasSize(1);
    }

    @Test
    void aBatchSourceGetsOneFilePerClosedWindowInsteadOfARealtimeRecord() throws Exception {
        PostingPosted batch = postSequence("POST-BATCH-1", "41000041", 1500, "acquirer-batch");
        postSequence("POST-BATCH-2", "41000042", 2500, "acquirer-batch");
        assertThat(batch.bankPostingRecord()).isNull();

        HttpResponse<String> closed = post("/v1/posting-files", "{\"sourceId\":\"acquirer-batch\"}");
        assertThat(closed.statusCode()).isEqualTo(201);
        JsonNode summary = EventJson.mapper().readTree(closed.body());
        assertThat(summary.get("recordCount").asInt()).isEqualTo(4);
        assertThat(summary.get("debitHash").asLong()).isEqualTo(4000).isEqualTo(summary.get("creditHash").asLong());
        String content = send(closed.headers().firstValue("Location").orElseThrow()).body();
        List<String> records = content.lines().toList();
        assertThat(records).hasSize(6);
        assertThat(records.getFirst()).startsWith("H" + summary.get("fileId").asString());
        assertThat(records.subList(1, 5)).allSatisfy(r -> assertThat(r).startsWith("D"));
        Path delivered = Path.of("target/posting-files-it", summary.get("fileName").asString());
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(delivered));
        assertThat(Files.readString(delivered)).isEqualTo(content);

        assertThat(post("/v1/posting-files", "{\"sourceId\":\"acquirer-batch\"}").statusCode()).isEqualTo(204);
        assertThat(post("/v1/posting-files", "{\"sourceId\":\"pos-switch\"}").statusCode()).isEqualTo(422);
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryALineWithoutItsEntryAndAnyEditOfTheLedger() {
        UUID journal = UUID.randomUUID();
        jdbc.update("insert into journal_entry (journal_id, posting_sequence_id, authorization_id) values (?, ?, 'DB-1')",
                journal, UUID.randomUUID());
        assertThatThrownBy(() -> jdbc.update("insert into journal_line (journal_id, line_no, account_number, side, "
                + "amount_minor, currency, narrative) values "
                + "(?, 0, 'A', 'D', 100, 'GBP', 'x'), (?, 1, 'B', 'C', 99, 'GBP', 'x')", journal, journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("does not balance in GBP");
        jdbc.update("insert into journal_line (journal_id, line_no, account_number, side, amount_minor, currency, "
                + "narrative) values (?, 0, 'A', 'D', 100, 'GBP', 'x'), (?, 1, 'B', 'C', 100, 'GBP', 'x')", journal, journal);
        assertThatThrownBy(() -> jdbc.update("update journal_line set amount_minor = 1 where journal_id = ?", journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from journal_entry where journal_id = ?", journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("truncate journal_entry, journal_line, bank_input_line"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        // Lines are checked against their entries once per statement: one orphan among good lines fails it all.
        UUID nowhere = UUID.randomUUID();
        assertThatThrownBy(() -> jdbc.update("insert into journal_line (journal_id, line_no, account_number, side, "
                + "amount_minor, currency, narrative) values (?, 2, 'A', 'D', 5, 'GBP', 'x'), (?, 3, 'B', 'C', 5, 'GBP', 'x'), "
                + "(?, 0, 'A', 'D', 5, 'GBP', 'x'), (?, 1, 'B', 'C', 5, 'GBP', 'x')", journal, journal, nowhere, nowhere))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("journal line names no journal entry: " + nowhere);
        assertThatThrownBy(() -> jdbc.update("insert into bank_input_line (source_id, journal_id, line_no, side, "
                + "amount_minor, record) values ('s', ?, 0, 'D', 100, 'r'), ('s', ?, 0, 'D', 5, 'r')", journal, nowhere))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("posting input line names no journal entry: " + nowhere);
        assertThat(jdbc.queryForObject("select count(*) from journal_line where journal_id = ?", Long.class, journal))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from bank_input_line where journal_id in (?, ?)", Long.class,
                journal, nowhere)).isZero();
    }

    @Test
    void anUnbalancedSequenceIsDeadLetteredWithTheReasonAndNotPosted() {
        UUID seq = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), leg("POST-BAD", seq, 0, "41000002", EntrySide.DEBIT, 1000));
        probe.sendEvent(UUID.randomUUID(), leg("POST-BAD", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 999));

        var dead = probe.awaitRecords(Topic.POSTING_LEG.deadLetterTopic(),
                all -> all.stream().anyMatch(r -> "POST-BAD".equals(r.key())));

        assertThat(dead.stream().filter(r -> "POST-BAD".equals(r.key())).map(r -> TopicProbe.header(r,
                CloudEventHeaders.DLT_REASON))).contains("sequence does not balance in GBP: debits 1000, credits 999");
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-BAD'",
                Integer.class)).isZero();
    }

    static PostingCorrection correction(String auth, EntryType kind, UUID target, Money amount,
                                        AdjustmentDirection direction) {
        return new PostingCorrection(UUID.randomUUID(), auth, kind, target, amount, direction, "test", "tester", Instant.now());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
