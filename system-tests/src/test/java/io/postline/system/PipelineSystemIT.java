package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import io.postline.localstack.StackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as separate processes on a real broker and PostgreSQL: 1,000 authorizations (50 of
 * them business duplicates) through REST, with posting and then dedup killed (SIGKILL) and restarted
 * mid-stream. Nothing may be lost or posted twice.
 */
class PipelineSystemIT {
    private static final int UNIQUE = 950;
    private static final int DUPLICATES = 50;
    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startPipeline() throws Exception {
        Path root = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
        StackSettings d = StackSettings.defaults(root);
        stack = new LocalStack(new StackSettings(root, root.resolve("system-tests/target/stack"), 19092, 19093, 10000,
                d.dbHost(), d.dbPort(), d.dbUser(), d.dbPassword(), "postline_system_test", true));
        stack.start();
        probe = new StackProbe(stack);
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyUniqueAuthorizationIsPostedExactlyOnceThroughServiceCrashes() throws Exception {
        List<AuthorizationMix.Request> requests = AuthorizationMix.of(UNIQUE, DUPLICATES, 20261121);

        probe.post(requests.subList(0, 500));
        stack.crashAndRestart(PipelineService.POSTING);
        probe.post(requests.subList(500, 750));
        stack.crashAndRestart(PipelineService.DEDUP);
        probe.post(requests.subList(750, requests.size()));

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> s = probe.summary();
            assertThat(s.get("matched") + s.get("parkedDuplicates")).isEqualTo(UNIQUE + DUPLICATES);
        });

        Map<String, Long> summary = probe.summary();
        assertThat(summary).containsEntry("authorizations", (long) (UNIQUE + DUPLICATES))
                .containsEntry("matched", (long) UNIQUE).containsEntry("parkedDuplicates", (long) DUPLICATES)
                .containsEntry("awaitingPosting", 0L).containsEntry("held", 0L).containsEntry("openBreaks", 0L);

        try (Connection db = probe.database()) {
            Set<String> posted = StackProbe.strings(db, "select authorization_id from posting.journal_entry");
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).as("journal entries").isEqualTo(UNIQUE);
            assertThat(posted).as("distinct authorizations posted").hasSize(UNIQUE);
            Set<String> parked = StackProbe.strings(db, "select authorization_id from dedup.parked_duplicate");
            assertThat(parked).hasSize(DUPLICATES);
            Set<String> all = new HashSet<>(posted);
            all.addAll(parked);
            assertThat(all).as("every authorization is posted or parked, none both")
                    .hasSize(UNIQUE + DUPLICATES)
                    .containsExactlyInAnyOrderElementsOf(requests.stream().map(AuthorizationMix.Request::authorizationId).toList());
            for (AuthorizationMix.Request r : requests.subList(UNIQUE, requests.size())) {
                assertThat(posted.contains(r.authorizationId()) ^ posted.contains(r.duplicateOf()))
                        .as("exactly one of %s and its duplicate %s is posted", r.duplicateOf(), r.authorizationId()).isTrue();
            }
            StackProbe.assertLedgerConsistent(db);
        }
        assertThat(probe.deadLetterRecords()).as("records in dead-letter topics").isZero();
    }
}
