package io.postline.system;

import io.postline.events.PanGuard;
import io.postline.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for card numbers (Luhn-valid PAN patterns, {@link PanGuard}) wherever the pipeline keeps or shows
 * data: every record of every topic (key, value, headers), every text, JSON and byte column of every
 * service schema, every service log. A hit names where, never the value.
 */
final class CardDataScan {
    private static final List<String> SCHEMAS = List.of("ingest", "dedup", "standardizer", "enrichment", "rules",
            "posting", "reconciliation");
    private final LocalStack stack;
    private final List<String> hits = new ArrayList<>();
    private long scanned;

    CardDataScan(LocalStack stack) {
        this.stack = stack;
    }

    List<String> hits() {
        return hits;
    }

    long scanned() {
        return scanned;
    }

    void text(String where, String value) {
        scanned++;
        if (PanGuard.containsPan(value)) {
            hits.add(where);
        }
    }

    void topics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().bootstrapServers());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            var names = admin.listTopics().names().get();
            admin.describeTopics(names).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(pi -> partitions.add(new TopicPartition(name, pi.partition()))));
        }
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "pan-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    String where = "topic " + r.topic();
                    if (r.key() != null) {
                        text(where + " key", new String(r.key(), StandardCharsets.UTF_8));
                    }
                    if (r.value() != null) {
                        text(where + " value", new String(r.value(), StandardCharsets.UTF_8));
                    }
                    for (Header h : r.headers()) {
                        if (h.value() != null) {
                            text(where + " header " + h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
    }

    void tables(Connection db) throws Exception {
        List<String[]> columns = new ArrayList<>();
        try (var st = db.prepareStatement("select table_schema, table_name, column_name, data_type "
                + "from information_schema.columns c join information_schema.tables t using (table_schema, table_name) "
                + "where table_schema = any(?) and t.table_type = 'BASE TABLE' and data_type in "
                + "('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')")) {
            st.setArray(1, db.createArrayOf("text", SCHEMAS.toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        for (String[] col : columns) {
            String read = col[3].equals("bytea") ? "convert_from(\"" + col[2] + "\", 'UTF8')" : "\"" + col[2] + "\"::text";
            try (var st = db.createStatement(); var rs = st.executeQuery("select " + read + " from \"" + col[0] + "\".\""
                    + col[1] + "\" where \"" + col[2] + "\" is not null")) {
                while (rs.next()) {
                    text("table " + col[0] + "." + col[1] + "." + col[2], rs.getString(1));
                }
            }
        }
    }

    void logs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith("-service.log")
                    || f.getFileName().toString().equals("iso20022-standardizer.log")).toList()) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    lines.forEach(line -> text("log " + log.getFileName(), line));
                }
            }
        }
    }
}
