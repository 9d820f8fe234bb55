package io.postline.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warnings Postline's own code and the errors any code logged during a run, read from the services' JSON logs
 * and grouped by level and logger. A run can pass every ledger check while a scheduled job fails on every tick (the
 * reconciliation scan once did, unnoticed through every run): the report shows them, and an error fails the run.
 * Errors count from every logger: Spring and the Kafka clients log failures of our code's calls under their own.
 */
record LoggedProblems(Map<Kind, Seen> byKind) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OURS = "io.postline.";
    private static final Comparator<Kind> BY_LEVEL_THEN_LOGGER = Comparator.comparing(Kind::level)
            .thenComparing(Kind::logger);

    record Kind(String level, String logger) {
    }

    /** How often, and the first such message. */
    record Seen(long count, String first) {
        Seen and() {
            return new Seen(count + 1, first);
        }
    }

    /** Every service log in {@code logs} (the broker's are not ours and are skipped). */
    static LoggedProblems read(Path logs) throws IOException {
        Map<Kind, Seen> byKind = new TreeMap<>(BY_LEVEL_THEN_LOGGER);
        if (!Files.isDirectory(logs)) {
            return new LoggedProblems(byKind);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(logs)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> !p.getFileName().toString().startsWith("kafka")).sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    // Most lines are INFO: parse only the candidates.
                    if (line.contains("\"ERROR\"") || line.contains(OURS) && line.contains("\"WARN\"")) {
                        record(line, byKind);
                    }
                }
            }
        }
        return new LoggedProblems(byKind);
    }

    private static void record(String line, Map<Kind, Seen> byKind) {
        JsonNode entry;
        try {
            entry = JSON.readTree(line);
        } catch (JacksonException notJson) {
            return; // a JVM's own output on the same stream
        }
        String level = entry.path("log").path("level").asString("");
        String logger = entry.path("log").path("logger").asString("");
        if (level.equals("ERROR") || level.equals("WARN") && logger.startsWith(OURS)) {
            byKind.merge(new Kind(level, logger), new Seen(1, entry.path("message").asString("")),
                    (was, one) -> was.and());
        }
    }

    long errors() {
        return byKind.entrySet().stream().filter(e -> e.getKey().level().equals("ERROR"))
                .mapToLong(e -> e.getValue().count()).sum();
    }

    void print(PrintStream out) {
        out.println("warnings logged by Postline's code, errors by any:" + (byKind.isEmpty() ? " none" : ""));
        byKind.forEach((kind, seen) -> out.printf("  %,8d %-5s %s, the first: %s%n", seen.count(), kind.level(),
                kind.logger(), abbreviated(seen.first())));
    }

    private static String abbreviated(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + " …";
    }
}
