package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.events.Topic;
import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chaos suite of issue 7. Each scenario streams authorizations through REST into the whole pipeline
 * (seven services as separate processes, a real broker, PostgreSQL), injects its fault from 20 % progress
 * on, then waits for quiescence and checks: the set of posted authorizations equals the set sent (over all
 * scenarios so far, as they share one stack), one journal entry each, balanced books, no open break, and
 * no dead letter except the poison the last scenario injects on purpose.
 * <p>
 * Short form by default (a few thousand authorizations per scenario); the long form is {@code -Pchaos}
 * ({@code chaos.authorizations}, {@code chaos.stream-seconds}, {@code chaos.all-services}). The sender retries
 * what a dead or frozen ingest did not answer, with an {@code Idempotency-Key}, as a client would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSystemIT {
    private static final int N = Integer.getInteger("chaos.authorizations", 2_000);
    /** Each stream is paced to last this long, so the faults land while it flows (a fixed schedule). */
    private static final Duration STREAM = Duration.ofSeconds(Integer.getInteger("chaos.stream-seconds", 75));
    private static final boolean ALL_SERVICES = Boolean.getBoolean("chaos.all-services");
    /** Consumers' session timeout in this stack, shortened so a frozen service is dropped from its group soon. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalStack stack;
    private static StackProbe probe;
    /** Every unique authorization sent so far, over all scenarios. */
    private static final List<String> sentSoFar = new CopyOnWriteArrayList<>();
    private static int scenario;

    @BeforeAll
    static void startPipeline() throws Exception {
        stack = TestStacks.start("chaos-stack", 17092, 7000, "postline_chaos_test",
                "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000");
        probe = new StackProbe(stack);
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void killingEveryServiceInTurnLosesNothingAndPostsNothingTwice() throws Exception {
        // Longer than the others: seven restarts (some 15 s each) should land while authorizations flow.
        Stream stream = Stream.start(N * 3 / 2, STREAM.multipliedBy(3), i -> { });
        stream.awaitProgress(0.2);
        List<String> faults = new ArrayList<>();
        for (PipelineService s : PipelineService.values()) {
            faults.add(s.name().toLowerCase() + "@" + stream.sent());
            stack.crashAndRestart(s);
            stream.faulted();
        }
        // the restarted processes count repeats from their start: the figure is what they absorbed since
        verify("kill -9 each service in turn, restart", stream, faults, ChaosSystemIT::inboxRepeats, false);
    }

    @Test
    @Order(2)
    void restartingTheBrokerLosesNothingAndTheOutboxBacklogDrains() throws Exception {
        long repeatsBefore = inboxRepeats();
        Stream stream = Stream.start(N, i -> { });
        List<String> faults = new ArrayList<>();
        AtomicLong peakBacklog = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peakBacklog.accumulateAndGet(pendingOutboxRows(), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the database is busy: sample again
                }
            }
        });
        for (double at : new double[] {0.2, 0.45, 0.7}) {
            stream.awaitProgress(at);
            faults.add("broker@" + stream.sent());
            stack.crashAndRestartBroker(Duration.ofSeconds(5));
            stream.faulted();
        }
        try {
            verify("kill -9 the broker 3 times, 5 s down, restart on the same data", stream, faults,
                    () -> inboxRepeats() - repeatsBefore, false);
        } finally {
            sampler.interrupt();
        }
        assertThat(pendingOutboxRows()).as("outbox rows never published").isZero();
        System.out.printf("[chaos: broker] outbox rows waiting for the broker: up to %d while it was down; all "
                + "drained%n", peakBacklog.get());
    }

    @Test
    @Order(3)
    void restartingPostgresqlLosesNothing() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/etc/postgresql")) && isLocalDatabase(),
                "PostgreSQL is not a local pg_ctlcluster cluster here");
        long repeatsBefore = inboxRepeats();
        Stream stream = Stream.start(N, i -> { });
        List<String> faults = new ArrayList<>();
        for (double at : new double[] {0.2, 0.45, 0.7}) {
            stream.awaitProgress(at);
            faults.add("postgresql@" + stream.sent());
            restartPostgresql();
            stream.faulted();
        }
        verify("pg_ctlcluster restart 3 times", stream, faults, () -> inboxRepeats() - repeatsBefore, false);
    }

    @Test
    @Order(4)
    void freezingAServiceBeyondItsSessionTimeoutDuplicatesNoEffect() throws Exception {
        long repeatsBefore = inboxRepeats();
        List<PipelineService> frozen = ALL_SERVICES ? List.of(PipelineService.values())
                : List.of(PipelineService.RULES, PipelineService.POSTING, PipelineService.AUTH_INGEST);
        Stream stream = Stream.start(N, i -> { });
        List<String> faults = new ArrayList<>();
        double step = 0.6 / frozen.size();
        for (int k = 0; k < frozen.size(); k++) {
            stream.awaitProgress(0.2 + k * step);
            faults.add(frozen.get(k).name().toLowerCase() + "@" + stream.sent());
            stack.freeze(frozen.get(k), SESSION_TIMEOUT.plusSeconds(5));
            stream.faulted();
        }
        verify("SIGSTOP " + (SESSION_TIMEOUT.toSeconds() + 5) + " s (session timeout "
                + SESSION_TIMEOUT.toSeconds() + " s), SIGCONT", stream, faults, () -> inboxRepeats() - repeatsBefore,
                false);
    }

    /** Runs last: the poison it mixes in stays in the dead-letter topics. */
    @Test
    @Order(5)
    void poisonRecordsLandInDeadLetterTopicsWithReasonsAndEverythingElsePosts() throws Exception {
        List<Topic> targets = List.of(Topic.AUTHORIZATION_RECEIVED, Topic.AUTHORIZATION_UNIQUE,
                Topic.TRANSACTION_STANDARDIZED, Topic.TRANSACTION_ENRICHED, Topic.POSTING_LEG, Topic.POSTING_POSTED);
        long repeatsBefore = inboxRepeats();
        Map<String, Topic> poison = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicReference<Instant> faulted = new java.util.concurrent.atomic.AtomicReference<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            // 1 %: after every 99th authorization, one record a misbehaving producer wrote, each of three kinds
            Stream stream = Stream.start(N, i -> {
                if (i % 100 == 99) {
                    int k = poison.size();
                    Topic topic = targets.get(k % targets.size());
                    String key = "POISON-" + k;
                    producer.send(poisonRecord(k, topic, key));
                    poison.put(key, topic);
                    faulted.set(Instant.now());
                }
            });
            stream.finish();
            producer.flush();
            stream.faulted(faulted.get());
            verify("1 % poison records on six topics", stream, List.of(poison.size() + " poison records"),
                    () -> inboxRepeats() - repeatsBefore, true);
        }
        List<StackProbe.DeadLetter> deadLetters = probe.deadLetters();
        assertThat(deadLetters).as("only poison is dead-lettered")
                .allSatisfy(d -> assertThat(d.key()).startsWith("POISON-"));
        for (Map.Entry<String, Topic> e : poison.entrySet()) {
            List<StackProbe.DeadLetter> copies = deadLetters.stream().filter(d -> e.getKey().equals(d.key())).toList();
            assertThat(copies).as("dead letters of " + e.getKey()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.topic()).isEqualTo(e.getValue().deadLetterTopic());
                assertThat(d.headers().get("x-dlt-reason")).isNotBlank();
                assertThat(d.headers().get("x-dlt-exception")).isNotBlank();
                assertThat(d.headers().get("x-dlt-stage")).isNotBlank();
                assertThat(d.headers().get("x-dlt-time")).isNotBlank();
                assertThat(d.headers().get("x-dlt-original-topic")).isEqualTo(e.getValue().topicName());
                assertThat(d.headers().get("x-dlt-original-partition")).isNotBlank();
                assertThat(d.headers().get("x-dlt-original-offset")).isNotBlank();
            });
        }
        System.out.printf("[chaos: poison] %d poison records -> %d dead letters; reasons: %s%n", poison.size(),
                deadLetters.size(), deadLetters.stream().map(d -> d.topic() + " " + d.headers().get("x-dlt-stage") + " "
                        + d.headers().get("x-dlt-exception"))
                        .collect(Collectors.groupingBy(c -> c, java.util.TreeMap::new, Collectors.counting())));
    }

    /** Three kinds: no event id; the right headers around a body that is not JSON; a type the topic does not carry. */
    private static ProducerRecord<String, byte[]> poisonRecord(int k, Topic topic, String key) {
        ProducerRecord<String, byte[]> r = switch (k % 3) {
            case 0 -> new ProducerRecord<>(topic.topicName(), key, "{\"authorizationId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            case 1 -> {
                var rec = new ProducerRecord<>(topic.topicName(), key, "not json {".getBytes(StandardCharsets.UTF_8));
                rec.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                rec.headers().add("ce_type", topic.eventType().getBytes(StandardCharsets.UTF_8));
                yield rec;
            }
            default -> {
                var rec = new ProducerRecord<>(topic.topicName(), key, "{}".getBytes(StandardCharsets.UTF_8));
                rec.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                rec.headers().add("ce_type", "payments.unknown.v9".getBytes(StandardCharsets.UTF_8));
                yield rec;
            }
        };
        return r;
    }

    /** Waits for the stream to end and the pipeline to settle, then checks everything sent so far. */
    private static void verify(String fault, Stream stream, List<String> faults, RepeatCount repeatsAbsorbed,
                               boolean poisonMixedIn) throws Exception {
        stream.finish();
        int expected = sentSoFar.size();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(probe.summary().get("matched")).isEqualTo(expected));
        Instant settled = Instant.now();

        assertThat(probe.summary()).containsEntry("authorizations", (long) expected).containsEntry("openBreaks", 0L)
                .containsEntry("awaitingPosting", 0L);
        try (Connection db = probe.database()) {
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).as("journal entries")
                    .isEqualTo(expected);
            Set<String> posted = StackProbe.strings(db, "select authorization_id from posting.journal_entry");
            // Set differences, not containsExactlyInAnyOrder: that is quadratic, minutes at 100,000 ids.
            Set<String> sent = new java.util.HashSet<>(sentSoFar);
            assertThat(sent.stream().filter(id -> !posted.contains(id)).toList()).as("sent, not posted").isEmpty();
            assertThat(posted.stream().filter(id -> !sent.contains(id)).toList()).as("posted, not sent").isEmpty();
            StackProbe.assertLedgerConsistent(db);
        }
        if (!poisonMixedIn) {
            assertThat(probe.deadLetterRecords()).as("records in dead-letter topics").isZero();
        }
        System.out.printf("[chaos %d: %s] %d authorizations sent in %d s; faults at %s (sent so far); %d client "
                        + "retries, slowest acceptance %d ms; all matched %d s after the last fault ended and %d s after the last send; "
                        + "inbox repeats absorbed: %s%n", scenario, fault, stream.size(), stream.elapsed().toSeconds(),
                faults, stream.retries(), stream.slowest().toMillis(),
                Duration.between(stream.lastFault(), settled).toSeconds(),
                Duration.between(stream.lastSend(), settled).toSeconds(), repeatsAbsorbed.get());
    }

    @FunctionalInterface
    private interface RepeatCount {
        long get() throws Exception;
    }

    /** A paced stream of authorizations through REST (an open model: a fixed schedule, not a closed loop). */
    private static final class Stream {
        private final List<AuthorizationMix.Request> requests;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();
        private final AtomicLong elapsedNanos = new AtomicLong();
        /** The longest a single authorization took to be accepted, retries included. */
        private final AtomicLong slowestNanos = new AtomicLong();
        private volatile Instant lastFault;
        private volatile Instant lastSend;
        private final Thread sender;
        private final Duration pace;

        private Stream(List<AuthorizationMix.Request> requests, Duration pace, IntConsumer afterEach) {
            this.requests = requests;
            this.pace = pace;
            this.sender = Thread.ofPlatform().name("chaos-sender").unstarted(() -> {
                String token = stack.bearer("authorizations:write");
                long start = System.nanoTime();
                long interval = pace.toNanos() / requests.size();
                for (int i = 0; i < requests.size(); i++) {
                    long due = start + i * interval - System.nanoTime();
                    if (due > 0) {
                        LockSupport.parkNanos(due);
                    }
                    long began = System.nanoTime();
                    sendUntilAccepted(requests.get(i), token, retries);
                    slowestNanos.accumulateAndGet(System.nanoTime() - began, Math::max);
                    sent.incrementAndGet();
                    afterEach.accept(i);
                }
                elapsedNanos.set(System.nanoTime() - start);
                lastSend = Instant.now();
            });
        }

        static Stream start(int n, IntConsumer afterEach) {
            return start(n, STREAM, afterEach);
        }

        static Stream start(int n, Duration pace, IntConsumer afterEach) {
            scenario++;
            List<AuthorizationMix.Request> requests = AuthorizationMix.of(n, 0, 20261123L + scenario, scenario * 100_000);
            requests.forEach(r -> sentSoFar.add(r.authorizationId()));
            Stream s = new Stream(requests, pace, afterEach);
            s.sender.start();
            return s;
        }

        void awaitProgress(double fraction) {
            await().atMost(pace.multipliedBy(3)).until(() -> sent.get() >= requests.size() * fraction);
        }

        /** A fault has just ended (the restarted process is ready, the frozen one goes on). */
        void faulted() {
            faulted(Instant.now());
        }

        void faulted(Instant at) {
            lastFault = at;
        }

        Instant lastFault() {
            return lastFault;
        }

        Instant lastSend() {
            return lastSend;
        }

        int sent() {
            return sent.get();
        }

        int size() {
            return requests.size();
        }

        Duration slowest() {
            return Duration.ofNanos(slowestNanos.get());
        }

        int retries() {
            return retries.get();
        }

        Duration elapsed() {
            return Duration.ofNanos(elapsedNanos.get());
        }

        void finish() throws InterruptedException {
            sender.join(pace.multipliedBy(4).toMillis());
            assertThat(sender.isAlive()).as("the sender finished").isFalse();
            assertThat(sent.get()).as("every authorization accepted").isEqualTo(requests.size());
        }
    }

    /** As a client would: the same request with the same Idempotency-Key until ingest answers it. */
    private static void sendUntilAccepted(AuthorizationMix.Request r, String token, AtomicInteger retries) {
        while (true) {
            try {
                HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                                + "/v1/authorizations")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", r.authorizationId())
                        .POST(HttpRequest.BodyPublishers.ofString(r.json())).build(), HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() == 202) {
                    return;
                }
                if (resp.statusCode() < 500) {
                    throw new IllegalStateException(r.authorizationId() + " refused: " + resp.statusCode() + " "
                            + resp.body());
                }
            } catch (java.io.IOException e) {
                // ingest is down, restarting or frozen: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(200_000_000); // a client's back-off
        }
    }

    private static boolean isLocalDatabase() {
        String host = stack.settings().dbHost();
        return host.equals("localhost") || host.equals("127.0.0.1");
    }

    /** {@code pg_ctlcluster restart} (fast mode: open connections are cut) of the local cluster. */
    private static void restartPostgresql() throws Exception {
        String[] versions = Path.of("/etc/postgresql").toFile().list();
        Arrays.sort(versions);
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", versions[versions.length - 1],
                "main", "restart").redirectErrorStream(true).start();
        String output = new String(restart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(restart.waitFor()).as("pg_ctlcluster restart: " + output).isZero();
    }

    /** Outbox rows not yet acknowledged by the broker, over every service's schema. */
    private static long pendingOutboxRows() throws Exception {
        try (Connection db = probe.database()) {
            Set<String> schemas = StackProbe.strings(db,
                    "select table_schema from information_schema.views where table_name = 'outbox_unpublished'");
            String union = schemas.stream().map(s -> "select count(*) n from " + s + ".outbox_unpublished")
                    .collect(Collectors.joining(" union all "));
            return schemas.isEmpty() ? 0 : StackProbe.count(db, "select coalesce(sum(n), 0) from (" + union + ") t");
        }
    }

    /** Repeats the services' inboxes dropped, as the running processes count them. */
    private static long inboxRepeats() throws Exception {
        long total = 0;
        for (PipelineService s : PipelineService.values()) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + s.managementPort(stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            total += (long) metrics.lines().filter(l -> l.startsWith("postline_stage_inbox_repeats_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return total;
    }
}
