package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos, scenario 1 of issue 7: authorizations stream in through REST while every service, ingest included,
 * is killed with SIGKILL in turn and started again. Afterwards the set of posted authorizations must equal
 * the set sent, with nothing posted twice, balanced books, no open break and empty DLTs.
 * <p>
 * Short form by default (3,000 authorizations); the long form is {@code -Dchaos.authorizations=20000}.
 * The sender retries what a dead ingest did not answer, with an {@code Idempotency-Key}, as a client would.
 */
class ChaosSystemIT {
    private static final int N = Integer.getInteger("chaos.authorizations", 3_000);
    /** The stream is paced to last this long, so the kills land while it flows (open model: fixed schedule). */
    private static final Duration STREAM = Duration.ofSeconds(Integer.getInteger("chaos.stream-seconds", 150));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startPipeline() throws Exception {
        stack = TestStacks.start("chaos-stack", 17092, 7000, "postline_chaos_test");
        probe = new StackProbe(stack);
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killingEveryServiceInTurnMidStreamLosesNothingAndPostsNothingTwice() throws Exception {
        List<AuthorizationMix.Request> requests = AuthorizationMix.of(N, 0, 20261123);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        Thread sender = Thread.ofPlatform().name("chaos-sender").start(() -> {
            String token = stack.bearer("authorizations:write");
            long start = System.nanoTime();
            long interval = STREAM.toNanos() / N;
            for (int i = 0; i < N; i++) {
                long due = start + i * interval - System.nanoTime();
                if (due > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due);
                }
                sendUntilAccepted(requests.get(i), token, retries);
                sent.incrementAndGet();
            }
        });

        await().atMost(Duration.ofMinutes(2)).until(() -> sent.get() >= N / 5); // the fault at >= 20 % progress
        Map<PipelineService, Integer> killedAt = new java.util.EnumMap<>(PipelineService.class);
        for (PipelineService s : PipelineService.values()) {
            killedAt.put(s, sent.get());
            stack.crashAndRestart(s);
        }
        Instant lastRestart = Instant.now();
        sender.join(Duration.ofMinutes(10).toMillis());
        assertThat(sender.isAlive()).as("the sender finished").isFalse();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(probe.summary().get("matched")).isEqualTo(N));
        Duration recovered = Duration.between(lastRestart, Instant.now());

        Map<String, Long> summary = probe.summary();
        assertThat(summary).containsEntry("authorizations", (long) N).containsEntry("openBreaks", 0L)
                .containsEntry("awaitingPosting", 0L);
        try (Connection db = probe.database()) {
            Set<String> posted = StackProbe.strings(db, "select authorization_id from posting.journal_entry");
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).as("journal entries")
                    .isEqualTo(N);
            assertThat(posted).as("posted = sent").containsExactlyInAnyOrderElementsOf(
                    requests.stream().map(AuthorizationMix.Request::authorizationId).toList());
            StackProbe.assertLedgerConsistent(db);
        }
        assertThat(probe.deadLetterRecords()).as("records in dead-letter topics").isZero();
        System.out.printf("[chaos: kill -9 each service] %d authorizations; killed at %s; %d client retries; "
                        + "recovered %d s after the last restart; inbox repeats absorbed since restarts: %d%n", N,
                killedAt, retries.get(), recovered.toSeconds(), inboxRepeats());
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
                // ingest is down or restarting: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            retries.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000); // a client's back-off
        }
    }

    /** Repeats the restarted services' inboxes dropped (counters start again with each process). */
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
