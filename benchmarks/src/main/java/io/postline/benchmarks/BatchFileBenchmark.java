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
 * Usage: {@code benchmarks/run.sh batch-file [rows] [warm-up rows] [held|streamed]} (default 1,000,000, held).
 * Exit status 1 when a check fails.
 */
public final class BatchFileBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofMinutes(60);
    /** Neither the consumer lag nor the reconciled count moved for this long: give up. */
    private static final Duration STALL = Duration.ofMinutes(10);

    /** A real-time source that takes files: its lines are published as each chunk commits. */
    static final String STREAMED_SOURCE = "acquirer-stream";

    /** How the file reaches the pipeline, and so from when the run is timed. */
    public enum Delivery {
        /**
         * To the batch source, held until an operator releases it (a bank's nightly window): ingest first, then
         * the pipeline; timed from the release, with the upload reported beside it.
         */
        HELD("acquirer-batch"),
        /**
         * To a real-time source: the pipeline posts the first chunks while later ones are still being checked
         * and stored; timed from the start of the upload, so ingest counts in the figure.
         */
        STREAMED(STREAMED_SOURCE);

        private final String sourceId;

        Delivery(String sourceId) {
            this.sourceId = sourceId;
        }

        static Delivery named(String name) {
            for (Delivery d : values()) {
                if (d.name().equalsIgnoreCase(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("delivery must be held or streamed, not '" + name + "'");
        }
    }

    private final StackSettings settings;
    private final PrintStream out;

    public BatchFileBenchmark(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : defaultWarmUp(rows);
        Delivery delivery = args.length > 2 ? Delivery.named(args[2]) : Delivery.HELD;
        Path root = Path.of(System.getProperty("postline.root", ".")).toAbsolutePath().normalize();
        boolean ok = new BatchFileBenchmark(settings(root, root.resolve(".local/benchmark"), 12092, 2000), System.out)
                .run(rows, warmUp, delivery);
        System.exit(ok ? 0 : 1);
    }

    /** A quarter of the measured file, at most 50,000 rows: enough for the JIT to compile the hot paths. */
    static int defaultWarmUp(int rows) {
        return Math.min(50_000, rows / 4);
    }

    /**
     * A fresh stack of its own: data directory, ports shifted by {@code portOffset}, database postline_benchmark.
     * Keep every port below 32768: above it, Linux hands out ephemeral ports and one may be taken (seen in CI).
     */
    public static StackSettings settings(Path root, Path dataDir, int kafkaPort, int portOffset) {
        StackSettings defaults = StackSettings.defaults(root);
        return new StackSettings(root, dataDir, kafkaPort, kafkaPort + 1, portOffset, defaults.dbHost(),
                defaults.dbPort(), defaults.dbUser(), defaults.dbPassword(), "postline_benchmark", true,
                List.of("--postline.ingest.sources.acquirer-batch.schedule=-",
                        "--postline.ingest.sources." + STREAMED_SOURCE + ".formats=CSV",
                        "--postline.ingest.sources." + STREAMED_SOURCE + ".mode=REALTIME"))
                .withServicesInOneJvm(defaults.servicesInOneJvm());
    }

    /**
     * Runs the benchmark and prints its report; true when every check passed. A warm-up file of
     * {@code warmUpRows} (the start of the same deterministic stream) is posted and reconciled first and not
     * measured: freshly started JVMs spend much of their CPU compiling (at first 40 % of each service's, by
     * its threads' CPU time), which a service that runs for days does not. The warm-up always goes through the
     * held batch source and a release, whatever the measured file's delivery, so one short run exercises both.
     */
    public boolean run(int rows, int warmUpRows, Delivery delivery) throws Exception {
        Path dir = settings.dataDir().getParent();
        BenchmarkAuthorizations mix = AuthorizationFile.stream();
        Path warmUpFile = dir.resolve("benchmark-warm-up-" + warmUpRows + ".csv");
        AuthorizationFile.Contents warmUp = AuthorizationFile.write(warmUpFile, mix, warmUpRows);
        Path file = dir.resolve("benchmark-authorizations-" + rows + "-after-" + warmUpRows + ".csv");
        AuthorizationFile.Contents contents = AuthorizationFile.write(file, mix, rows);
        out.printf("file: %s, %,d rows (%,d unique, %,d business duplicates), %,d bytes%n", file, rows,
                contents.unique(), contents.duplicates(), Files.size(file));
        try (LocalStack stack = new LocalStack(settings)) {
            out.println("starting the stack (broker, seven services" + (settings.servicesInOneJvm() ? " in one JVM" : "")
                    + ") ...");
            stack.start();
            try (var db = settings.connect()) {
                DatabaseServerSettings.read(db).print(out);
            }
            String token = stack.bearer("authorizations:write operations:read operations:write");
            if (warmUpRows > 0) {
                out.printf("warm-up: %,d rows first, not measured%n", warmUpRows);
                ingest(stack, token, warmUpFile, Delivery.HELD);
                release(stack, token);
                if (awaitReconciled(stack, token, warmUp.rows(), false) == null) {
                    return false;
                }
            }
            return run(stack, token, file, contents, warmUp, delivery);
        }
    }

    private boolean run(LocalStack stack, String token, Path file, AuthorizationFile.Contents contents,
                        AuthorizationFile.Contents warmUp, Delivery delivery) throws Exception {
        ProcessCpu cpu = new ProcessCpu(stack);
        DatabaseLoad database = new DatabaseLoad(settings);
        boolean streamed = delivery == Delivery.STREAMED;
        ProcessCpu.Snapshot cpuBefore = streamed ? cpu.snapshot() : null;
        DatabaseLoad.Snapshot databaseBefore = streamed ? database.snapshot() : null;
        StageTimers.Snapshot stagesBefore = streamed ? StageTimers.read(HTTP, stack) : null;
        BackendWaits waits = streamed ? BackendWaits.start(settings::connect) : null;
        long t0 = System.nanoTime();
        Map<String, Long> jobState = ingest(stack, token, file, delivery);
        long ingested = System.nanoTime();
        out.printf("ingest job (%s): %,d accepted, %,d rejected in %.1f s%n", delivery.sourceId,
                jobState.get("accepted"), jobState.get("rejected"), seconds(ingested - t0));

        long released = t0;
        if (!streamed) {
            cpuBefore = cpu.snapshot();
            databaseBefore = database.snapshot();
            stagesBefore = StageTimers.read(HTTP, stack);
            waits = BackendWaits.start(settings::connect);
            released = System.nanoTime();
            release(stack, token);
        }
        Map<String, Long> summary = awaitReconciled(stack, token, warmUp.rows() + contents.rows(), true);
        waits.close();
        if (summary == null) {
            return false;
        }
        long reconciled = System.nanoTime();
        ProcessCpu.Used used = ProcessCpu.between(cpuBefore, cpu.snapshot());
        DatabaseLoad.Snapshot databaseAfter = database.snapshot();
        StageTimers.Snapshot stagesAfter = StageTimers.read(HTTP, stack);

        double postSeconds = seconds(reconciled - released);
        String from = streamed ? "upload" : "release";
        out.println();
        out.println("== " + (streamed ? "streamed file" : "batch file") + " of " + String.format("%,d", contents.rows())
                + " authorizations" + (warmUp.rows() > 0 ? String.format(" (after a warm-up of %,d)", warmUp.rows()) : "")
                + " ==");
        if (streamed) {
            out.printf("ingest (upload, check, store, publish):  %8.1f s   %,10.0f lines/s  (the pipeline posting meanwhile)%n",
                    seconds(ingested - t0), contents.rows() / seconds(ingested - t0));
        } else {
            out.printf("ingest (upload, check, store, hold):     %8.1f s   %,10.0f lines/s%n", seconds(ingested - t0),
                    contents.rows() / seconds(ingested - t0));
            out.printf("release -> all posted and reconciled:    %8.1f s   %,10.0f authorizations/s%n", postSeconds,
                    contents.rows() / postSeconds);
        }
        out.printf("upload -> all posted and reconciled:     %8.1f s   %,10.0f authorizations/s%n",
                seconds(reconciled - t0), contents.rows() / seconds(reconciled - t0));
        double totalCpu = used.total();
        out.println("CPU from " + from + " to the end, per process (s), and per posted authorization:");
        used.processes().forEach((name, seconds) ->
                out.printf("  %-24s %8.1f s %8.0f µs%n", name, seconds, seconds * 1e6 / contents.unique()));
        out.printf("  %-24s %8.1f s %8.0f µs  (%.2f of %d cores busy)%n", "all", totalCpu,
                totalCpu * 1e6 / contents.unique(), totalCpu / postSeconds, Runtime.getRuntime().availableProcessors());
        out.println("  " + CpuShares.compilers(used.compilers(), contents.unique()));
        out.println("  " + CpuShares.collectors(used.collectors(), contents.unique()));
        out.println(CpuShares.machine(used.machine(), totalCpu, postSeconds));
        out.println("peak resident memory (VmHWM):");
        cpu.peakMemory().forEach((name, mb) -> out.printf("  %-24s %8d MB%n", name, mb));
        DatabaseLoad.print("from " + from + " to the end", databaseBefore, databaseAfter, contents.unique(), out);
        waits.print(out);
        StageTimers.print(StageTimers.between(stagesBefore, stagesAfter), out);

        return PipelineChecks.verify(settings, summary, warmUp.unique() + contents.unique(),
                warmUp.duplicates() + contents.duplicates(), out);
    }

    /** Uploads the file to the delivery's source and waits for the job; returns its final counts. */
    private Map<String, Long> ingest(LocalStack stack, String token, Path file, Delivery delivery) throws Exception {
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                        + "/v1/ingest-jobs?sourceId=" + delivery.sourceId)).header("Authorization", token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + upload.statusCode() + " " + upload.body());
        }
        String job = upload.headers().firstValue("Location").orElseThrow();
        while (true) {
            Thread.sleep(1000);
            String body = StackApi.get(HTTP, stack.ingestUrl() + job, token);
            if (body.contains("\"FAILED\"")) {
                throw new IllegalStateException("ingest job failed: " + body);
            }
            if (body.contains("\"COMPLETED\"")) {
                return StackApi.numbers(body);
            }
        }
    }

    private void release(LocalStack stack, String token) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> release = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                        + "/v1/sources/acquirer-batch/release")).header("Authorization", token)
                .header("X-Changed-By", "benchmark").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        out.printf("release: %s in %.1f s%n", release.body(), seconds(System.nanoTime() - start));
    }

    /** Waits until {@code rows} are matched or parked; the summary then, or null on time-out or a stall. */
    private Map<String, Long> awaitReconciled(LocalStack stack, String token, long rows, boolean report)
            throws Exception {
        try (ReconciliationWait wait = new ReconciliationWait(HTTP, stack, settings.bootstrapServers(), token)) {
            return wait.await(rows, TIMEOUT, STALL, report ? out : null);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The batch file: deterministic, with the mix docs/benchmarks.md describes. */
    static final class AuthorizationFile {
        record Contents(int rows, int unique, int duplicates) {
        }

        /** The generator behind every benchmark file: one deterministic stream. */
        static BenchmarkAuthorizations stream() {
            return new BenchmarkAuthorizations(20261122L, "BENCH-");
        }

        /** The first {@code rows} of the stream. */
        static Contents write(Path file, int rows) throws IOException {
            return write(file, stream(), rows);
        }

        /** The next {@code rows} of {@code mix}: a later file may repeat purchases of an earlier one. */
        static Contents write(Path file, BenchmarkAuthorizations mix, int rows) throws IOException {
            Files.createDirectories(file.getParent());
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
