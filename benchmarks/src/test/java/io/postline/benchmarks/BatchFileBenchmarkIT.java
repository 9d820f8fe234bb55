package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The batch-file benchmark's short form, on a stack of its own: it must post everything and pass every
 * correctness check. Its timings are printed, never asserted.
 */
class BatchFileBenchmarkIT {
    /** One stack for both deliveries: the warm-up is held and released, the measured file streamed. */
    @Test
    void aSmallFileHeldThenOneStreamedPostCompletelyAndPassEveryCheck() throws Exception {
        Path root = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        boolean ok = new BatchFileBenchmark(BatchFileBenchmark.settings(root,
                root.resolve("benchmarks/target/benchmark-stack"), 15092, 5000), report)
                .run(3_000, 500, BatchFileBenchmark.Delivery.STREAMED);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(printed).contains("release: {\"sourceId\":\"acquirer-batch\",\"released\":500,")
                .contains("ingest job (acquirer-stream): 3,000 accepted")
                .contains("== streamed file of 3,000 authorizations (after a warm-up of 500) ==")
                .contains("upload -> all posted and reconciled").contains("µs")
                .contains("of which JIT compiler threads: kafka broker")
                .contains("of which garbage collection (VM and GC threads): kafka broker").contains("machine (/proc/stat): ")
                .contains("PostgreSQL from upload to the end").contains("WAL: ").containsPattern("(?m)^ {4}posting +\\d")
                .containsPattern("backends busy at once, on average \\(pg_stat_activity every 100 ms\\): on the CPU "
                        + "[0-9.]+, .*\\([1-9][0-9,]* samples\\)")
                .containsPattern("(?m)^ {4}posting +[0-9]+\\.[0-9]{2}: CPU [0-9.]+, WAL ")
                .doesNotContain("sampling stopped early")
                .doesNotContain("FAILED");
        assertThat(ok).as(printed).isTrue();
    }

    @Test
    void theFileIsTheSameForTheSameSizeAndHoldsAboutTwoPercentBusinessDuplicates() throws Exception {
        Path dir = Path.of("target");
        var a = BatchFileBenchmark.AuthorizationFile.write(dir.resolve("a.csv"), 10_000);
        var b = BatchFileBenchmark.AuthorizationFile.write(dir.resolve("b.csv"), 10_000);
        assertThat(a).isEqualTo(b);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("a.csv")))
                .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("b.csv")));
        assertThat(a.duplicates()).isBetween(150, 250);
        assertThat(a.unique() + a.duplicates()).isEqualTo(10_000);
    }
}
