package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's harness in short form, on a stack of its own: every phase runs, every authorization is posted
 * once and every check passes. Its figures are printed, never asserted.
 */
class RestLoadBenchmarkIT {
    @Test
    void theShortFormRunsEveryPhaseAndPassesEveryCheck() throws Exception {
        Path root = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        boolean ok = new RestLoadBenchmark(RestLoadBenchmark.settings(root,
                root.resolve("benchmarks/target/rest-load-it-stack"), 17092, 7000), report)
                .run(RestLoadBenchmark.Plan.shortForm());
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(printed).contains("end to end (scheduled send -> posted): p50")
                .contains("sustained, first scheduled send -> last posted")
                .contains("pipeline throughput / baseline")
                .contains("stage processing time per event").contains("posting").doesNotContain("FAILED")
                .containsPattern("(?s)of which JIT compiler threads: .*of which JIT compiler threads: ") // both phases
                .containsPattern("(?s)of which garbage collection .*of which garbage collection ")
                .contains("machine (/proc/stat): ")
                .containsPattern("backends busy at once, on average \\(pg_stat_activity every 100 ms\\): on the CPU "
                        + "[0-9.]+, .*\\([1-9][0-9,]* samples\\)")
                .containsPattern("(?m)^ {4}auth-ingest +[0-9]+\\.[0-9]{2}: CPU [0-9.]+, WAL ")
                .doesNotContain("sampling stopped early");
        assertThat(ok).as(printed).isTrue();
    }
}
