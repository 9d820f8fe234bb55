package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.Money;
import io.postline.events.PostingLeg;
import io.postline.events.Topic;
import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation's auto-patch against a fault at every hop, all services as separate processes: an output
 * row that vanishes before it is relayed (dedup, standardizer, enrichment, rules, posting), a consumed
 * record whose effect is lost (posting's pending legs), a sequence posted twice, and a posted amount that
 * was altered on the way. Within a bounded time reconciliation must report each break and patch it, and
 * the ledger must end with every authorization posted exactly once, at its authorized amount, balanced.
 */
class ReconciliationPatchSystemIT {
    private static final int AUTHORIZATIONS = 300;
    private static final int WARM_UP = 50;
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String DUP_POSTED = "SYS-00070";
    private static final String ALTERED = "SYS-00080";
    private static final String SPLIT = "SYS-00060";
    /** Authorization id → the table a row of it vanishes from, and how many rows. */
    private static final Map<String, Fault> FAULTS = new LinkedHashMap<>();

    record Fault(String table, String keyColumn, int rows, boolean capture, String what) {
    }

    static {
        FAULTS.put("SYS-00010", new Fault("dedup.outbox", "message_key", 1, false, "dedup output lost before relay"));
        FAULTS.put("SYS-00020", new Fault("standardizer.outbox", "message_key", 1, false,
                "standardizer output lost before relay"));
        FAULTS.put("SYS-00030", new Fault("enrichment.outbox", "message_key", 1, false,
                "enrichment output lost before relay"));
        FAULTS.put("SYS-00040", new Fault("rules.outbox", "message_key", 1, false, "one of two legs lost before relay"));
        FAULTS.put("SYS-00050", new Fault("posting.outbox", "message_key", 1, false,
                "posted event lost before relay (the journal entry exists)"));
        // Posting stores legs only for sequences that do not complete within one batch: one leg is held back
        // (captured from rules.outbox, published later by the test), and the stored first leg vanishes.
        FAULTS.put(SPLIT, new Fault("posting.pending_leg", "authorization_id", 1, false,
                "posting consumed the first leg of a split sequence but its effect was lost"));
        FAULTS.put(ALTERED, new Fault("rules.outbox", "message_key", 2, true,
                "the legs were replaced on the way by legs with twice the amount"));
    }

    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startPipeline() throws Exception {
        // The grace must outlast the test's own injection of the altered legs (captured from rules' outbox, then
        // published doubled): with 10 s a slow machine re-drove that authorization first, and the adjustment this
        // test is for never came.
        stack = TestStacks.start("patch-stack", 29092, 20000, "postline_patch_test",
                "--postline.reconciliation.grace=30s", "--postline.reconciliation.scan-interval=1s",
                "--postline.posting.incomplete-after=5s", "--postline.posting.incomplete-check-interval=1s");
        probe = new StackProbe(stack);
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyInjectedBreakIsReportedAndPatchedAndTheLedgerEndsCorrect() throws Exception {
        // Warm the seven freshly started JVMs first: cold, the first authorizations can take longer than the
        // grace period, and reconciliation would (harmlessly, but confusingly) re-drive them too.
        List<AuthorizationMix.Request> warmUp = AuthorizationMix.of(AUTHORIZATIONS + WARM_UP, 0, 20261122)
                .subList(AUTHORIZATIONS, AUTHORIZATIONS + WARM_UP);
        probe.post(warmUp);
        await().atMost(Duration.ofMinutes(2)).until(() -> probe.summary().get("matched") == WARM_UP);
        List<AuthorizationMix.Request> requests = AuthorizationMix.of(AUTHORIZATIONS, 0, 20261122);
        Map<String, Long> expected = requests.stream().collect(Collectors.toMap(AuthorizationMix.Request::authorizationId,
                AuthorizationMix.Request::amountMinor, (a, b) -> a, java.util.HashMap::new));
        try (Connection db = probe.database()) {
            Faults faults = new Faults(db);
            for (String table : List.of("dedup.outbox", "standardizer.outbox", "enrichment.outbox", "rules.outbox",
                    "posting.outbox")) {
                faults.on(table, "message_key");
            }
            faults.on("posting.pending_leg", "authorization_id");
            for (var f : FAULTS.entrySet()) {
                faults.drop(f.getValue().table(), f.getKey(), f.getValue().rows(), f.getValue().capture());
            }
            faults.drop("rules.outbox", SPLIT, 1, true); // the split sequence's other leg, held back

            Instant start = Instant.now();
            probe.post(requests);

            // The altered amount: the legs the rules stage wrote, with the amount doubled, instead of the real ones.
            await().atMost(Duration.ofMinutes(1)).until(() -> faults.captured("rules.outbox", ALTERED).size() == 2);
            publishLegs(faults.captured("rules.outbox", ALTERED).stream().map(ReconciliationPatchSystemIT::legOfRow)
                    .map(l -> withAmount(l, l.amount().amountMinor() * 2)).toList());
            // The split sequence: its first leg reached posting and was lost there; now the other one arrives.
            await().atMost(Duration.ofMinutes(1)).until(() -> faults.captured("rules.outbox", SPLIT).size() == 1
                    && faults.remaining("posting.pending_leg", SPLIT) == 0);
            publishLegs(faults.captured("rules.outbox", SPLIT).stream().map(ReconciliationPatchSystemIT::legOfRow)
                    .toList());
            // Every fault fired: the rows really vanished.
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                for (var f : FAULTS.entrySet()) {
                    assertThat(faults.remaining(f.getValue().table(), f.getKey())).as(f.getValue().what()).isZero();
                }
            });
            // A sequence posted twice: the real legs once more, under a new sequence id.
            await().atMost(Duration.ofMinutes(1)).until(() -> probe.get(PipelineService.RECONCILIATION,
                    "/v1/reconciliation/items/" + DUP_POSTED).contains("\"status\":\"MATCHED\""));
            UUID again = UUID.randomUUID();
            publishLegs(legsOf(DUP_POSTED).stream().map(l -> withSequence(l, again)).toList());

            // Reconciliation reports the breaks, then patches them; in the end nothing is open.
            await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, Long> s = probe.summary();
                assertThat(s.get("matched")).isEqualTo(AUTHORIZATIONS + WARM_UP);
                assertThat(s.get("openBreaks")).isZero();
            });
            Duration recovered = Duration.between(start, Instant.now());

            Map<String, Long> patches = StackProbe.longsByKey(db, "select authorization_id || '/' || kind, count(*) "
                    + "from reconciliation.recon_patch group by 1");
            for (String id : FAULTS.keySet()) {
                if (!id.equals(ALTERED)) {
                    assertThat(patches).as("a re-drive patched " + id + " (" + FAULTS.get(id).what() + ")")
                            .containsKey(id + "/REDRIVE");
                }
            }
            assertThat(patches).containsEntry(DUP_POSTED + "/REVERSAL", 1L).containsEntry(ALTERED + "/ADJUSTMENT", 1L);
            assertThat(StackProbe.count(db, "select count(*) from reconciliation.recon_patch where actor <> "
                    + "'reconciliation/auto-patch' or reason = ''")).as("patches without actor or reason").isZero();

            // Every authorization has exactly one posting that is not reversed ...
            Map<String, Long> live = StackProbe.longsByKey(db, "select authorization_id, count(*) from "
                    + "posting.journal_entry e where entry_type = 'POSTING' and not exists (select 1 from "
                    + "posting.journal_entry r where r.entry_type = 'REVERSAL' and r.corrects_journal_id = e.journal_id) "
                    + "group by authorization_id");
            assertThat(live).as("live postings per authorization").hasSize(AUTHORIZATIONS + WARM_UP)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
            // ... its principal, net of corrections, is the authorized amount ...
            Map<String, Long> principal = StackProbe.longsByKey(db, "select e.authorization_id, "
                    + "sum(case when l.side = 'C' then l.amount_minor else -l.amount_minor end) from posting.journal_line l "
                    + "join posting.journal_entry e using (journal_id) where l.role = 'COUNTERPARTY' group by 1");
            warmUp.forEach(r -> expected.put(r.authorizationId(), r.amountMinor()));
            assertThat(principal).as("net principal per authorization").isEqualTo(expected);
            // ... and the books balance.
            StackProbe.assertLedgerConsistent(db);
            assertThat(probe.deadLetterRecords()).as("records in dead-letter topics").isZero();

            System.out.printf("[patch system test] %d authorizations (after %d to warm up), %d faults; all patched and "
                    + "matched %d s after the first request; patches: %s%n", AUTHORIZATIONS, WARM_UP, FAULTS.size() + 1,
                    recovered.toSeconds(), StackProbe.longsByKey(db,
                            "select kind, count(*) from reconciliation.recon_patch group by kind"));
        }
    }

    private static PostingLeg legOfRow(String rowJson) {
        JsonNode row = EventJson.mapper().readTree(rowJson);
        byte[] payload = HexFormat.of().parseHex(row.get("payload").asString().substring(2)); // bytea as \x...
        return EventJson.read(payload, PostingLeg.class);
    }

    private static PostingLeg withAmount(PostingLeg l, long minor) {
        return copy(l, l.postingSequenceId(), new Money(minor, l.amount().currency()));
    }

    private static PostingLeg withSequence(PostingLeg l, UUID sequence) {
        return copy(l, sequence, l.amount());
    }

    private static PostingLeg copy(PostingLeg l, UUID sequence, Money amount) {
        return new PostingLeg(l.authorizationId(), sequence, l.legIndex(), l.legCount(), l.accountNumber(),
                l.sortCode(), l.side(), amount, l.narrative(), l.authorizedAmount(), l.ruleSetVersion(), l.ruleId(),
                l.role(), l.context());
    }

    /** The legs of an authorization as the rules stage published them. */
    private static List<PostingLeg> legsOf(String authorizationId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-injection-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<Integer, PostingLeg> legs = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topic.POSTING_LEG.topicName()));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until && (legs.isEmpty() || legs.size() < legs.values().iterator().next().legCount())) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    if (authorizationId.equals(r.key())) {
                        PostingLeg leg = EventJson.read(r.value(), PostingLeg.class);
                        legs.put(leg.legIndex(), leg);
                    }
                }
            }
        }
        assertThat(legs).as("legs of " + authorizationId).isNotEmpty();
        return new ArrayList<>(legs.values());
    }

    /** Publishes legs as a producer outside the pipeline would: well-formed records under new event ids. */
    private static void publishLegs(List<PostingLeg> legs) throws Exception {
        assertThat(legs).isNotEmpty();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (PostingLeg leg : legs) {
                RecordHeaders h = new RecordHeaders();
                Map<String, String> headers = Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, Topic.POSTING_LEG.eventType(), CloudEventHeaders.SOURCE, "fault-injection",
                        CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.SUBJECT, leg.authorizationId(), CloudEventHeaders.CONTENT_TYPE,
                        CloudEventHeaders.JSON);
                headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(Topic.POSTING_LEG.topicName(), null, leg.authorizationId(),
                        EventJson.write(leg), h)).get();
            }
        }
    }
}
