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
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void startPipeline() throws Exception {
        Path root = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
        StackSettings d = StackSettings.defaults(root);
        stack = new LocalStack(new StackSettings(root, root.resolve("system-tests/target/stack"), 19092, 19093, 10000,
                d.dbHost(), d.dbPort(), d.dbUser(), d.dbPassword(), "postline_system_test", true));
        stack.start();
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

        post(requests.subList(0, 500));
        stack.crashAndRestart(PipelineService.POSTING);
        post(requests.subList(500, 750));
        stack.crashAndRestart(PipelineService.DEDUP);
        post(requests.subList(750, requests.size()));

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> s = summary();
            assertThat(s.get("matched") + s.get("parkedDuplicates")).isEqualTo(UNIQUE + DUPLICATES);
        });

        Map<String, Long> summary = summary();
        assertThat(summary).containsEntry("authorizations", (long) (UNIQUE + DUPLICATES))
                .containsEntry("matched", (long) UNIQUE).containsEntry("parkedDuplicates", (long) DUPLICATES)
                .containsEntry("awaitingPosting", 0L).containsEntry("held", 0L).containsEntry("openBreaks", 0L);

        try (Connection db = DriverManager.getConnection(stack.settings().jdbcUrl("postline_system_test"),
                stack.settings().dbUser(), stack.settings().dbPassword())) {
            Set<String> posted = strings(db, "select authorization_id from posting.journal_entry");
            assertThat(count(db, "select count(*) from posting.journal_entry")).as("journal entries").isEqualTo(UNIQUE);
            assertThat(posted).as("distinct authorizations posted").hasSize(UNIQUE);
            Set<String> parked = strings(db, "select authorization_id from dedup.parked_duplicate");
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
            assertThat(count(db, "select count(*) from (select currency from posting.journal_line group by currency "
                    + "having sum(case when side = 'D' then amount_minor else -amount_minor end) <> 0) unbalanced"))
                    .as("currencies where debits differ from credits").isZero();
            assertThat(count(db, "select count(*) from posting.account_balance b full join (select account_number, "
                    + "currency, sum(case when side = 'D' then amount_minor else 0 end) d, "
                    + "sum(case when side = 'C' then amount_minor else 0 end) c from posting.journal_line "
                    + "group by account_number, currency) l using (account_number, currency) "
                    + "where b.debit_minor is distinct from l.d or b.credit_minor is distinct from l.c"))
                    .as("accounts whose running balance differs from the sum of their lines").isZero();
        }
        assertThat(deadLetterRecords()).as("records in dead-letter topics").isZero();
    }

    private static void post(List<AuthorizationMix.Request> requests) {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (AuthorizationMix.Request r : requests) {
            inFlight.acquireUninterruptibly();
            sent.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/v1/authorizations"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(r.json()))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(resp -> assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202))
                    .whenComplete((ok, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private static Map<String, Long> summary() throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(PipelineService.RECONCILIATION)
                + "/v1/reconciliation/summary")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\"([a-zA-Z]+)\":(\\d+)").matcher(body);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    private static long deadLetterRecords() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Set<String> dlts = new HashSet<>();
            for (String t : admin.listTopics().names().get()) {
                if (t.endsWith(".dlt")) {
                    dlts.add(t);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(dlts).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(pi -> latest.put(new TopicPartition(name, pi.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static Set<String> strings(Connection db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
