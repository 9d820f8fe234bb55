package io.postline.stage.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postline.events.AuthorizationReceived;
import io.postline.events.AuthorizationUnique;
import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.Merchant;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRecord;
import io.postline.stage.outbox.OutboxRelay;
import io.postline.stage.replay.DeadLetterReplay;
import io.postline.stage.replay.DeadLetterReplay.DeadLetter;
import io.postline.stage.replay.DeadLetterReplay.Filter;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@StageIntegrationTest(properties = {"spring.application.name=echo", "postline.database.schema=runtime_test"})
class StageRuntimeIT {
    private static final String UNIQUE = Topic.AUTHORIZATION_UNIQUE.topicName();
    private static final String DLT = Topic.AUTHORIZATION_RECEIVED.deadLetterTopic();
    private static final TopicProbe probe = TopicProbe.shared();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeadLetterReplay deadLetters;
    @Autowired
    io.postline.stage.metrics.BrokerOffsetGauges brokerOffsets;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    PlatformTransactionManager transactions;
    TransactionTemplate tx;

    @BeforeEach
    void transactions() {
        tx = new TransactionTemplate(transactions);
    }

    @Test
    void everyEventIsProcessedOnceAndItsOutputIdIsDerivedFromIt() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        probe.sendEvent(first, SampleEvents.received("ONCE-1"));
        probe.sendEvent(first, SampleEvents.received("ONCE-1")); // technical resend: same event id
        probe.sendEvent(second, SampleEvents.received("ONCE-2"));

        List<ConsumerRecord<String, byte[]>> out = probe.awaitRecords(UNIQUE,
                all -> forAuthorizations(all, "ONCE-1", "ONCE-2").size() >= 2);
        List<ConsumerRecord<String, byte[]>> mine = forAuthorizations(probe.readAll(UNIQUE), "ONCE-1", "ONCE-2");

        assertThat(mine).hasSize(2);
        assertThat(mine).extracting(TopicProbe::eventId)
                .containsExactlyInAnyOrder(EventIds.derive(first, "echo", 0), EventIds.derive(second, "echo", 0));
        ConsumerRecord<String, byte[]> r = mine.getFirst();
        assertThat(r.key()).isEqualTo(TopicProbe.payload(r, Topic.AUTHORIZATION_UNIQUE, AuthorizationUnique.class)
                .authorizationId());
        assertThat(TopicProbe.header(r, CloudEventHeaders.TYPE)).isEqualTo("payments.authorization.unique.v1");
        assertThat(TopicProbe.header(r, CloudEventHeaders.SOURCE)).isEqualTo("echo");
        assertThat(TopicProbe.header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(r, CloudEventHeaders.SUBJECT)).isEqualTo(r.key());
        assertThat(meters.find("postline.stage.inbox.repeats").counter().count()).isPositive();
        assertThat(meters.find("postline.stage.events.in").tag("topic", "payments.authorization.received").counter()
                .count()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.find("postline.stage.events.out")
                .tag("topic", UNIQUE).counter().count()).isGreaterThanOrEqualTo(2));
        assertThat(meters.find("postline.stage.event.processing").tag("stage", "echo").timer().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.find("postline.stage.batch.size").summary().count()).isPositive();
        assertThat(meters.find("postline.stage.outbox.backlog").gauge()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from outbox_unpublished",
                        Integer.class)).isZero());
    }

    @Test
    void aReplayedEventReEmitsItsStoredOutputsAndIsProcessedAgainWhereTheyWereLost() {
        double reemittedBefore = replays("reemitted");
        double reprocessedBefore = replays("reprocessed"); // other tests replay too
        UUID input = UUID.randomUUID();
        UUID output = EventIds.derive(input, "echo", 0);
        AuthorizationReceived event = SampleEvents.received("REPLAY-1");
        probe.sendEvent(input, event);
        probe.awaitRecords(UNIQUE, all -> withId(all, output).size() == 1);
        probe.sendEvent(input, event); // a plain repeat is dropped by the inbox
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from outbox where cause_id = ? and event_id not in (select event_id from outbox_unpublished)", Integer.class, input))
                .isOne());

        probe.sendEvent(input, event, true); // the replay re-emits the stored output, and only that
        List<ConsumerRecord<String, byte[]>> twice = withId(probe.awaitRecords(UNIQUE,
                all -> withId(all, output).size() >= 2), output);
        assertThat(TopicProbe.header(twice.getLast(), CloudEventHeaders.REPLAY)).isEqualTo("true");
        assertThat(twice.getLast().value()).isEqualTo(twice.getFirst().value());

        jdbc.update("delete from outbox where cause_id = ?", input); // the output is lost
        probe.sendEvent(input, event, true); // so the stage processes its input again, with the same output id
        probe.awaitRecords(UNIQUE, all -> withId(all, output).size() >= 3);
        assertThat(replays("reemitted") - reemittedBefore).isOne();
        assertThat(replays("reprocessed") - reprocessedBefore).isEqualTo(2);
    }

    private double replays(String outcome) {
        var counter = meters.find("postline.stage.replays").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<ConsumerRecord<String, byte[]>> withId(List<ConsumerRecord<String, byte[]>> all, UUID id) {
        return all.stream().filter(r -> TopicProbe.eventId(r).equals(id)).toList();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndDoNotBlockThePartition() {
        String key = "POISON-1";
        probe.send(Topic.AUTHORIZATION_RECEIVED.topicName(), key, Map.of(CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, Topic.AUTHORIZATION_RECEIVED.eventType()),
                "{not json".getBytes(StandardCharsets.UTF_8));
        probe.send(Topic.AUTHORIZATION_RECEIVED.topicName(), key, Map.of(),
                EventJson.write(SampleEvents.received(key)));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received(key)); // same key, so same partition, after the poison

        probe.awaitRecords(UNIQUE, all -> !forAuthorizations(all, key).isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = probe.awaitRecords(DLT,
                all -> all.stream().filter(r -> key.equals(r.key())).count() >= 2).stream()
                .filter(r -> key.equals(r.key())).toList();

        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(r -> TopicProbe.header(r, CloudEventHeaders.DLT_REASON))
                .anySatisfy(reason -> assertThat(reason).contains("AuthorizationReceived could not be read"))
                .anySatisfy(reason -> assertThat(reason).contains("missing header ce_id"));
        ConsumerRecord<String, byte[]> d = dead.getFirst();
        assertThat(TopicProbe.header(d, CloudEventHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("payments.authorization.received");
        assertThat(TopicProbe.header(d, CloudEventHeaders.DLT_ORIGINAL_OFFSET)).matches("[0-9]+");
        assertThat(TopicProbe.header(d, CloudEventHeaders.DLT_STAGE)).isEqualTo("echo");
        assertThat(TopicProbe.header(d, CloudEventHeaders.DLT_TIME)).isNotBlank();
        assertThat(TopicProbe.header(d, CloudEventHeaders.DLT_EXCEPTION)).isNotBlank();
        assertThat(meters.find("postline.stage.dlt.records").tag("topic", "payments.authorization.received").counters()
                .stream().mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(2);
        brokerOffsets.refresh();
        assertThat(meters.find("postline.stage.dlt.depth").tag("topic", DLT).gauge().value())
                .as("DLT depth read from the broker").isGreaterThanOrEqualTo(2);
    }

    @Test
    void outputsContinueTheTraceOfTheirInputAndTheConsumerLagIsReadFromTheBroker() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        var r = io.postline.stage.outbox.EventRecords.of(UUID.randomUUID(), SampleEvents.received("TRACED-1"), "test",
                java.time.Instant.now(), "00-" + traceId + "-b7ad6b7169203331-01", false);
        probe.send(r.topic(), r.key(), r.headers(), r.payload());

        ConsumerRecord<String, byte[]> out = forAuthorizations(probe.awaitRecords(UNIQUE,
                all -> !forAuthorizations(all, "TRACED-1").isEmpty()), "TRACED-1").getFirst();

        assertThat(io.postline.stage.tracing.Traceparent.parse(TopicProbe.header(out, CloudEventHeaders.TRACEPARENT)))
                .hasValueSatisfying(t -> assertThat(t.traceId()).isEqualTo(traceId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            brokerOffsets.refresh();
            assertThat(meters.find("postline.stage.consumer.lag").tag("group", "echo").gauge())
                    .as("lag gauge of the stage's group").isNotNull()
                    .satisfies(g -> assertThat(g.value()).isZero());
        });
    }

    @Test
    void whenTheDomainStepFailsForOneEventOnlyThatEventIsDeadLettered() {
        AuthorizationReceived good = SampleEvents.received("ISOLATE-GOOD");
        AuthorizationReceived bad = withMerchantName(SampleEvents.received("ISOLATE-BAD"), EchoStageApplication.FAIL_MARKER);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        var processorLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                io.postline.stage.consumer.StageBatchProcessor.class);
        processorLog.addAppender(logged);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var badRecord = io.postline.stage.outbox.EventRecords.of(UUID.randomUUID(), bad, "test", java.time.Instant.now(),
                "00-" + traceId + "-00f067aa0ba902b7-01", false);
        probe.send(badRecord.topic(), badRecord.key(), badRecord.headers(), badRecord.payload());
        probe.sendEvent(UUID.randomUUID(), good);

        probe.awaitRecords(UNIQUE, all -> !forAuthorizations(all, "ISOLATE-GOOD").isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = probe.awaitRecords(DLT,
                all -> all.stream().anyMatch(r -> "ISOLATE-BAD".equals(r.key())));

        assertThat(forAuthorizations(probe.readAll(UNIQUE), "ISOLATE-BAD")).isEmpty();
        assertThat(dead.stream().filter(r -> "ISOLATE-BAD".equals(r.key())))
                .singleElement()
                .satisfies(r -> assertThat(TopicProbe.header(r, CloudEventHeaders.DLT_REASON))
                        .contains("cannot handle ISOLATE-BAD"));
        processorLog.detachAppender(logged);
        // The line about the dead-lettered event carries its authorization and trace (JSON fields in production).
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("sending it to the DLT"))
                .anySatisfy(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("authorizationId", "ISOLATE-BAD").containsEntry("traceId", traceId));
    }

    @Test
    void deadLettersAreFoundAndReplayedAfterAFixAndASecondReplayChangesNothing() {
        UUID id = UUID.randomUUID();
        probe.sendEvent(id, withMerchantName(SampleEvents.received("DLT-REPLAY"), EchoStageApplication.FAIL_MARKER));
        probe.awaitRecords(DLT, all -> all.stream().anyMatch(r -> "DLT-REPLAY".equals(r.key())));

        List<DeadLetter> found = deadLetters.find(new Filter("DLT-REPLAY", null), 10);
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.originalEventId()).isEqualTo(id.toString());
            assertThat(d.originalTopic()).isEqualTo(Topic.AUTHORIZATION_RECEIVED.topicName());
            assertThat(d.reason()).contains("cannot handle DLT-REPLAY");
            assertThat(d.stage()).isEqualTo("echo");
        });
        assertThat(deadLetters.find(new Filter(null, "CANNOT HANDLE dlt-replay"), 10)).hasSize(1);
        assertThat(deadLetters.find(new Filter("DLT-REPLAY", "no such reason"), 10)).isEmpty();

        EchoStageApplication.FIXED.add("DLT-REPLAY"); // the cause is fixed
        assertThat(deadLetters.replay(new Filter("DLT-REPLAY", null), "j.smith", "fixed in 1.2.3").count()).isOne();
        UUID output = EventIds.derive(id, "echo", 0);
        probe.awaitRecords(UNIQUE, all -> withId(all, output).size() == 1);

        deadLetters.replay(new Filter("DLT-REPLAY", null), "j.smith", "once more"); // re-emits, stores nothing new
        probe.awaitRecords(UNIQUE, all -> withId(all, output).size() == 2);
        assertThat(jdbc.queryForObject("select count(*) from outbox where cause_id = ? and topic = ?", Integer.class,
                id, UNIQUE)).isOne();
        assertThat(deadLetters.find(new Filter("DLT-REPLAY", null), 10)).hasSize(1); // not dead-lettered again
        assertThat(meters.find("postline.stage.dlt.replayed").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void outboxRowsLeftBehindByACrashArePublishedAndMarked() {
        UUID id = UUID.randomUUID();
        AuthorizationUnique leftover = new AuthorizationUnique("LEFTOVER-1", SampleEvents.received("LEFTOVER-1"),
                SampleEvents.T0);
        // A crash after commit, before the fast path sent it: the row and its pending batch are there, old.
        jdbc.update("with o as (insert into outbox (event_id, topic, message_key, headers, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, now() - interval '1 minute') returning seq) "
                        + "insert into outbox_pending (seqs, created_at) select array[seq], now() - interval '1 minute' "
                        + "from o", id, UNIQUE, "LEFTOVER-1",
                EventJson.mapper().writeValueAsString(Map.of(CloudEventHeaders.ID, id.toString(),
                        CloudEventHeaders.TYPE, Topic.AUTHORIZATION_UNIQUE.eventType())),
                EventJson.write(leftover));

        probe.awaitRecords(UNIQUE, all -> all.stream().anyMatch(r -> TopicProbe.eventId(r).equals(id)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from outbox_unpublished where event_id = ?",
                        Integer.class, id)).isZero());
    }

    @Test
    void aRowPublishedButNotMarkedBeforeACrashIsPublishedAgainAndTheRepeatIsAbsorbedDownstream() {
        UUID id = UUID.randomUUID();
        var received = SampleEvents.received("PUBLISHED-TWICE-1");
        // The first publication reached the broker; the crash came before its pending batch was deleted.
        probe.sendEvent(id, received);
        probe.awaitRecords(UNIQUE, all -> !forAuthorizations(all, "PUBLISHED-TWICE-1").isEmpty());
        double repeatsBefore = meters.find("postline.stage.inbox.repeats").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        jdbc.update("with o as (insert into outbox (event_id, topic, message_key, headers, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, now() - interval '1 minute') returning seq) "
                        + "insert into outbox_pending (seqs, created_at) select array[seq], now() - interval '1 minute' "
                        + "from o", id, Topic.AUTHORIZATION_RECEIVED.topicName(), "PUBLISHED-TWICE-1",
                EventJson.mapper().writeValueAsString(Map.of(CloudEventHeaders.ID, id.toString(),
                        CloudEventHeaders.TYPE, Topic.AUTHORIZATION_RECEIVED.eventType())),
                EventJson.write(received));

        // The poller publishes it again; the consuming stage's inbox drops the repeat.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                probe.readAll(Topic.AUTHORIZATION_RECEIVED.topicName()).stream()
                        .filter(r -> TopicProbe.eventId(r).equals(id)).count()).isEqualTo(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(meters.find("postline.stage.inbox.repeats")
                .counters().stream().mapToDouble(c -> c.count()).sum()).isGreaterThan(repeatsBefore));
        assertThat(forAuthorizations(probe.readAll(UNIQUE), "PUBLISHED-TWICE-1")).as("processed once").hasSize(1);
    }

    @Test
    void aBatchWhoseOutputWasStoredBeforeIsRunAgainToleratingRepeatsAndPublishesNothingTwice() {
        double rerunsBefore = meters.find("postline.stage.batch.reruns").counter().count();
        UUID input = UUID.randomUUID();
        UUID output = EventIds.derive(input, "echo", 0);
        AuthorizationReceived event = SampleEvents.received("RERUN-1");
        probe.sendEvent(input, event);
        probe.awaitRecords(UNIQUE, all -> withId(all, output).size() == 1);

        // The inbox forgot the input (as past its retention) while its output is still stored: the plain inbox
        // insert succeeds, the plain outbox insert meets the stored output and fails the first run.
        jdbc.update("delete from inbox where event_id = ?", input);
        probe.sendEvent(input, event);
        // Same key, so the same partition, processed after it: once its output is out, the rerun is done.
        UUID marker = UUID.randomUUID();
        probe.sendEvent(marker, event);
        probe.awaitRecords(UNIQUE, all -> withId(all, EventIds.derive(marker, "echo", 0)).size() == 1);

        assertThat(meters.find("postline.stage.batch.reruns").counter().count()).isGreaterThan(rerunsBefore);
        assertThat(jdbc.queryForObject("select count(*) from inbox where event_id = ?", Integer.class, input))
                .as("the rerun recorded the input again").isOne();
        assertThat(withId(probe.readAll(UNIQUE), output)).as("the stored output is not published again").hasSize(1);
    }

    @Test
    void outputsExpectedNewAreStoredInOneInsertAndOnlyThoseStoredArePublished() {
        List<OutboxRecord> records = List.of("NEW-1", "NEW-2", "NEW-3").stream().map(id -> EventRecords.of(
                EventIds.timeOrdered(), SampleEvents.received(id), "new-test", SampleEvents.T0, null, false)).toList();
        // A trigger drops NEW-2 as it is stored (what the system tests' fault injection does).
        jdbc.execute("""
                create or replace function drop_new_2() returns trigger language plpgsql as $$
                begin
                    return case when new.message_key = 'NEW-2' then null else new end;
                end $$;
                create trigger drop_new_2 before insert on outbox for each row execute function drop_new_2();
                """);
        try {
            tx.executeWithoutResult(s -> outbox.appendNew(records));
        } finally {
            jdbc.execute("drop trigger drop_new_2 on outbox; drop function drop_new_2()");
        }
        String received = Topic.AUTHORIZATION_RECEIVED.topicName();
        probe.awaitRecords(received, all -> forAuthorizations(all, "NEW-1", "NEW-3").size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from outbox_unpublished where message_key like 'NEW-%'", Integer.class)).isZero());
        assertThat(forAuthorizations(probe.readAll(received), "NEW-1", "NEW-2", "NEW-3")).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("NEW-1", "NEW-3");

        // An id stored before fails the statement, so that the caller can run its batch again tolerating it.
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> outbox.appendNew(records.subList(0, 1))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void heldOutputsWaitForTheirReleaseSurviveThePurgeAndAreThenPublishedOnceInOrder() {
        String received = Topic.AUTHORIZATION_RECEIVED.topicName();
        List<String> ids = List.of("HELD-1", "HELD-2", "HELD-3");
        List<OutboxRecord> records = ids.stream().map(id -> EventRecords.of(EventIds.timeOrdered(),
                SampleEvents.received(id), "held-test", SampleEvents.T0, null, false)).toList();
        tx.executeWithoutResult(s -> outbox.hold("held-source", records));

        assertThat(outbox.held("held-source").count()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from outbox_unpublished where message_key like 'HELD-%'",
                Integer.class)).as("not pending, so neither the fast path nor the poller sends them").isZero();
        // Older than the retention: the purge keeps them all the same.
        jdbc.update("update outbox set created_at = now() - interval '30 days' where message_key like 'HELD-%'");
        relay.purgeExpired();
        assertThat(jdbc.queryForObject("select count(*) from outbox where message_key like 'HELD-%'", Integer.class))
                .isEqualTo(3);

        assertThat(releaseHeld(2)).isEqualTo(2);
        assertThat(outbox.held("held-source").count()).as("the oldest two went first").isEqualTo(1);
        assertThat(jdbc.queryForObject("select o.message_key from outbox_held h join outbox o using (seq)",
                String.class)).isEqualTo("HELD-3");
        probe.awaitRecords(received, all -> forAuthorizations(all, "HELD-1", "HELD-2").size() == 2);
        assertThat(releaseHeld(2)).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> published = probe.awaitRecords(received,
                all -> forAuthorizations(all, "HELD-3").size() == 1);
        assertThat(forAuthorizations(published, ids.toArray(String[]::new))).extracting(ConsumerRecord::key)
                .as("each once").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outbox.held("held-source").count()).isZero();
        assertThat(releaseHeld(2)).isZero();
    }

    @Test
    void aBatchsPendingSeqsAreCompressedWithLz4() {
        assumeTrue(jdbc.queryForObject("select 'lz4' = any(enumvals) from pg_settings "
                + "where name = 'default_toast_compression'", Boolean.class), "the server was built without lz4");
        // Rolled back, so the relay never sees seqs that name no stored row.
        String compression = tx.execute(status -> {
            status.setRollbackOnly();
            Long batch = jdbc.queryForObject("insert into outbox_pending (seqs) select array_agg(s) "
                    + "from generate_series(1, 2000) s returning batch_id", Long.class);
            return jdbc.queryForObject("select pg_column_compression(seqs) from outbox_pending where batch_id = ?",
                    String.class, batch);
        });
        assertThat(compression).as("a full batch's seqs (16 kB) are compressed, and not with pglz").isEqualTo("lz4");
    }

    private int releaseHeld(int limit) {
        Integer released = tx.execute(s -> outbox.release("held-source", limit));
        return released == null ? -1 : released;
    }

    private static List<ConsumerRecord<String, byte[]>> forAuthorizations(List<ConsumerRecord<String, byte[]>> all,
                                                                         String... ids) {
        List<String> wanted = List.of(ids);
        return all.stream().filter(r -> wanted.contains(r.key())).toList();
    }

    private static AuthorizationReceived withMerchantName(AuthorizationReceived r, String name) {
        Merchant m = r.merchant();
        return new AuthorizationReceived(r.authorizationId(), r.sourceId(), r.cardToken(), r.acquirerId(),
                new Merchant(m.merchantId(), name, m.mcc(), m.city(), m.country()), r.amount(), r.billingAmount(),
                r.stan(), r.rrn(), r.approvalCode(), r.transmissionTime(), r.receivedAt(), null, null);
    }
}
