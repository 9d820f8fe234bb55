package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import io.postline.localstack.StackSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A batch file through the whole pipeline: starts its own stack (broker and seven services, a database of its
 * own), uploads a CSV of {@code rows} authorizations to the batch source, releases the window and waits until
 * reconciliation has every one matched or explained. Then checks the result (a fast wrong run is not a result)
 * and prints the figures: ingest time, posting time and rate, CPU per posted authorization, peak memory.
 * <p>
 * Usage: {@code benchmarks/run.sh batch-file [rows]} (default 1,000,000). Exit status 1 when a check fails.
 */
public final class BatchFileBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    private final StackSettings settings;
    private final PrintStream out;

    public BatchFileBenchmark(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path root = Path.of(System.getProperty("postline.root", ".")).toAbsolutePath().normalize();
        boolean ok = new BatchFileBenchmark(settings(root, root.resolve(".local/benchmark"), 12092, 2000), System.out)
                .run(rows);
        System.exit(ok ? 0 : 1);
    }

    /**
     * A fresh stack of its own: data directory, ports shifted by {@code portOffset}, database postline_benchmark.
     * Keep every port below 32768: above it, Linux hands out ephemeral ports and one may be taken (seen in CI).
     */
    public static StackSettings settings(Path root, Path dataDir, int kafkaPort, int portOffset) {
        StackSettings defaults = StackSettings.defaults(root);
        return new StackSettings(root, dataDir, kafkaPort, kafkaPort + 1, portOffset, defaults.dbHost(),
                defaults.dbPort(), defaults.dbUser(), defaults.dbPassword(), "postline_benchmark", true,
                List.of("--postline.ingest.sources.acquirer-batch.schedule=-"));
    }

    /** Runs the benchmark and prints its report; true when every check passed. */
    public boolean run(int rows) throws Exception {
        Path file = settings.dataDir().getParent().resolve("benchmark-authorizations-" + rows + ".csv");
        AuthorizationFile.Contents contents = AuthorizationFile.write(file, rows);
        out.printf("file: %s, %,d rows (%,d unique, %,d business duplicates), %,d bytes%n", file, rows,
                contents.unique(), contents.duplicates(), Files.size(file));
        try (LocalStack stack = new LocalStack(settings)) {
            out.println("starting the stack (broker, seven services) ...");
            stack.start();
            return run(stack, file, contents);
        }
    }

    private boolean run(LocalStack stack, Path file, AuthorizationFile.Contents contents)
            throws Exception {
        String token = stack.bearer("authorizations:write operations:read operations:write");
        ProcessCpu cpu = new ProcessCpu(stack);

        long t0 = System.nanoTime();
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                        + "/v1/ingest-jobs?sourceId=acquirer-batch")).header("Authorization", token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + upload.statusCode() + " " + upload.body());
        }
        String job = upload.headers().firstValue("Location").orElseThrow();
        Map<String, Long> jobState;
        while (true) {
            Thread.sleep(1000);
            String body = StackApi.get(HTTP, stack.ingestUrl() + job, token);
            if (body.contains("\"FAILED\"")) {
                throw new IllegalStateException("ingest job failed: " + body);
            }
            jobState = StackApi.numbers(body);
            if (body.contains("\"COMPLETED\"")) {
                break;
            }
        }
        long ingested = System.nanoTime();
        out.printf("ingest job: %,d accepted, %,d rejected in %.1f s%n", jobState.get("accepted"),
                jobState.get("rejected"), seconds(ingested - t0));

        Map<String, Double> cpuBefore = cpu.snapshot();
        long released = System.nanoTime();
        HttpResponse<String> release = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                        + "/v1/sources/acquirer-batch/release")).header("Authorization", token)
                .header("X-Changed-By", "benchmark").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        out.printf("release: %s in %.1f s%n", release.body(), seconds(System.nanoTime() - released));

        String summaryUrl = stack.url(PipelineService.RECONCILIATION) + "/v1/reconciliation/summary";
        Map<String, Long> summary;
        long lastReport = 0;
        while (true) {
            summary = StackApi.numbers(StackApi.get(HTTP, summaryUrl, token));
            long done = summary.getOrDefault("matched", 0L) + summary.getOrDefault("parkedDuplicates", 0L);
            if (done >= contents.rows()) {
                break;
            }
            if (System.nanoTime() - released > TIMEOUT.toNanos()) {
                out.println("timed out: " + summary);
                return false;
            }
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                lastReport = System.nanoTime();
                out.printf("  %5.0f s: %,d of %,d reconciled%n", seconds(lastReport - released), done,
                        contents.rows());
            }
            Thread.sleep(500);
        }
        long reconciled = System.nanoTime();
        Map<String, Double> cpuAfter = cpu.snapshot();

        double postSeconds = seconds(reconciled - released);
        out.println();
        out.println("== batch file of " + String.format("%,d", contents.rows()) + " authorizations ==");
        out.printf("ingest (upload, check, store, hold):     %8.1f s   %,10.0f lines/s%n", seconds(ingested - t0),
                contents.rows() / seconds(ingested - t0));
        out.printf("release -> all posted and reconciled:    %8.1f s   %,10.0f authorizations/s%n", postSeconds,
                contents.rows() / postSeconds);
        out.printf("upload -> all posted and reconciled:     %8.1f s%n", seconds(reconciled - t0));
        double totalCpu = 0;
        out.println("CPU from release to the end, per process (s), and per posted authorization:");
        for (var e : cpuAfter.entrySet()) {
            double used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0.0);
            totalCpu += used;
            out.printf("  %-24s %8.1f s %8.0f µs%n", e.getKey(), used, used * 1e6 / contents.unique());
        }
        out.printf("  %-24s %8.1f s %8.0f µs  (%.2f of %d cores busy)%n", "all", totalCpu,
                totalCpu * 1e6 / contents.unique(), totalCpu / postSeconds, Runtime.getRuntime().availableProcessors());
        out.println("peak resident memory (VmHWM):");
        cpu.peakMemory().forEach((name, mb) -> out.printf("  %-24s %8d MB%n", name, mb));

        return PipelineChecks.verify(settings, summary, contents.unique(), contents.duplicates(), out);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The batch file: deterministic, with the mix docs/benchmarks.md describes. */
    static final class AuthorizationFile {
        record Contents(int rows, int unique, int duplicates) {
        }

        static Contents write(Path file, int rows) throws IOException {
            Files.createDirectories(file.getParent());
            BenchmarkAuthorizations mix = new BenchmarkAuthorizations(20261122L, "BENCH-");
            int duplicates = 0;
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                out.write(BenchmarkAuthorizations.CSV_HEADER);
                out.write('\n');
                for (int i = 0; i < rows; i++) {
                    BenchmarkAuthorizations.Authorization a = mix.next();
                    duplicates += a.duplicate() ? 1 : 0;
                    out.write(a.csv());
                    out.write('\n');
                }
            }
            return new Contents(rows, rows - duplicates, duplicates);
        }
    }
}
