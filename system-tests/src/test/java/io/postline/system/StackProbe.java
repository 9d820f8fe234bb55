package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the system tests send to and read from a running stack: REST, reconciliation, DLT depths, SQL. */
final class StackProbe {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final LocalStack stack;

    StackProbe(LocalStack stack) {
        this.stack = stack;
    }

    /** POSTs the requests, 16 at a time, and expects every one accepted. */
    void post(List<AuthorizationMix.Request> requests) {
        String ingestToken = stack.bearer("authorizations:write");
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (AuthorizationMix.Request r : requests) {
            inFlight.acquireUninterruptibly();
            sent.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/v1/authorizations"))
                            .header("Authorization", ingestToken)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(r.json()))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(resp -> assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202))
                    .whenComplete((ok, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    String get(PipelineService service, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service) + path))
                        .header("Authorization", stack.bearer("operations:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The numeric fields of reconciliation's summary. */
    Map<String, Long> summary() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("\"([a-zA-Z]+)\":(\\d+)").matcher(get(PipelineService.RECONCILIATION,
                "/v1/reconciliation/summary"));
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    long deadLetterRecords() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Set<String> dlts = new HashSet<>();
            for (String t : admin.listTopics().names().get()) {
                if (t.endsWith(".dlt")) {
                    dlts.add(t);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(dlts).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(pi -> latest.put(new TopicPartition(name, pi.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** A record read back from a dead-letter topic: its key and its headers (last value of each). */
    record DeadLetter(String topic, String key, Map<String, String> headers) {
    }

    /** Every record in every dead-letter topic. */
    List<DeadLetter> deadLetters() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.listTopics().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(".dlt")).flatMap(e -> e.getValue().stream())
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics to their end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                    out.add(new DeadLetter(r.topic(), r.key(), headers));
                }
            }
        }
        return out;
    }

    Connection database() throws Exception {
        return DriverManager.getConnection(stack.settings().jdbcUrl(stack.settings().dbName()),
                stack.settings().dbUser(), stack.settings().dbPassword());
    }

    static Set<String> strings(Connection db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static Map<String, Long> longsByKey(Connection db, String sql) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    static long count(Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Checks that hold after any run: every entry balances and every running balance equals its lines. */
    static void assertLedgerConsistent(Connection db) throws Exception {
        assertThat(count(db, "select count(*) from (select journal_id, currency from posting.journal_line "
                + "group by journal_id, currency having sum(case when side = 'D' then amount_minor else -amount_minor end) "
                + "<> 0) unbalanced")).as("journal entries whose debits differ from their credits").isZero();
        assertThat(count(db, "select count(*) from posting.account_balance b full join (select account_number, "
                + "currency, sum(case when side = 'D' then amount_minor else 0 end) d, "
                + "sum(case when side = 'C' then amount_minor else 0 end) c from posting.journal_line "
                + "group by account_number, currency) l using (account_number, currency) "
                + "where b.debit_minor is distinct from l.d or b.credit_minor is distinct from l.c"))
                .as("accounts whose running balance differs from the sum of their lines").isZero();
    }
}
