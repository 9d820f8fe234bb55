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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?\\d+)");
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
            String body = get(stack.ingestUrl() + job, token);
            if (body.contains("\"FAILED\"")) {
                throw new IllegalStateException("ingest job failed: " + body);
            }
            jobState = numbers(body);
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
            summary = numbers(get(summaryUrl, token));
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

        return verify(summary, contents);
    }

    /** The checks a run must pass to count: everything posted once, balanced, reconciled, no DLT. */
    private boolean verify(Map<String, Long> summary, AuthorizationFile.Contents contents)
            throws Exception {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("reconciliation: matched = unique sent (" + contents.unique() + ")",
                summary.get("matched") == contents.unique());
        checks.put("reconciliation: parked duplicates = business duplicates sent (" + contents.duplicates() + ")",
                summary.get("parkedDuplicates") == contents.duplicates());
        checks.put("reconciliation: no open break", summary.get("openBreaks") == 0);
        Properties props = new Properties();
        props.setProperty("user", settings.dbUser());
        if (!settings.dbPassword().isEmpty()) {
            props.setProperty("password", settings.dbPassword());
        }
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(settings.dbName()), props);
             Statement st = db.createStatement()) {
            checks.put("ledger: one posting per unique authorization", one(st,
                    "select count(distinct authorization_id) from posting.journal_entry where entry_type = 'POSTING'")
                    == contents.unique());
            checks.put("ledger: no sequence posted twice", one(st, "select count(*) - count(distinct posting_sequence_id) "
                    + "from posting.journal_entry") == 0);
            checks.put("ledger: every journal balanced per currency", one(st, "select count(*) from (select 1 from "
                    + "posting.journal_line group by journal_id, currency having sum(case side when 'D' then amount_minor "
                    + "else -amount_minor end) <> 0) unbalanced") == 0);
            checks.put("ledger: balances equal the sum of their lines", one(st, "select count(*) from "
                    + "posting.account_balance b full join (select account_number, currency, sum(case side when 'D' "
                    + "then amount_minor else 0 end) d, sum(case side when 'C' then amount_minor else 0 end) c from "
                    + "posting.journal_line group by 1, 2) l using (account_number, currency) "
                    + "where b.debit_minor is distinct from l.d or b.credit_minor is distinct from l.c") == 0);
            checks.put("no dead letters in any stage", one(st, "select "
                    + "(select count(*) from dedup.outbox where topic like '%.dlt') + "
                    + "(select count(*) from standardizer.outbox where topic like '%.dlt') + "
                    + "(select count(*) from enrichment.outbox where topic like '%.dlt') + "
                    + "(select count(*) from rules.outbox where topic like '%.dlt') + "
                    + "(select count(*) from posting.outbox where topic like '%.dlt') + "
                    + "(select count(*) from reconciliation.outbox where topic like '%.dlt')") == 0);
        }
        out.println("checks:");
        checks.forEach((what, passed) -> out.printf("  [%s] %s%n", passed ? "ok" : "FAILED", what));
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static Map<String, Long> numbers(String json) {
        Map<String, Long> values = new LinkedHashMap<>();
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The batch file: deterministic, with the mix docs/benchmarks.md describes. */
    static final class AuthorizationFile {
        record Contents(int rows, int unique, int duplicates) {
        }

        private static final String[] CURRENCIES = {"GBP", "GBP", "GBP", "GBP", "GBP", "GBP", "GBP", "EUR", "USD", "JPY"};
        private static final String[] MCCS = {"5411", "5814", "5812", "5999", "4111", "5732", "5311"};

        static Contents write(Path file, int rows) throws IOException {
            Files.createDirectories(file.getParent());
            java.util.SplittableRandom random = new java.util.SplittableRandom(20261122L);
            int duplicates = 0;
            List<String> recent = new ArrayList<>();
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                out.write("authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,merchantCity,"
                        + "merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime\n");
                for (int i = 0; i < rows; i++) {
                    String id = "BENCH-" + String.format("%08d", i);
                    String fields;
                    if (!recent.isEmpty() && random.nextInt(100) < 2) {
                        // a business duplicate: the same purchase again under a new authorization id
                        fields = recent.get(random.nextInt(recent.size()));
                        duplicates++;
                    } else {
                        int card = random.nextInt(100) < 8 ? 501 + random.nextInt(50) : 1 + random.nextInt(500);
                        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
                        long amount = currency.equals("JPY") ? 100 + random.nextInt(20_000) : 100 + random.nextInt(50_000);
                        int second = i % 86_400;
                        fields = String.format("CTK%06d,40001234,M-%05d,Shop %d,%s,London,GB,%d,%s,%06d,%012d,A%05d,"
                                        + "2026-11-21T%02d:%02d:%02dZ", card, random.nextInt(5000), i % 97,
                                MCCS[random.nextInt(MCCS.length)], amount, currency, i % 1_000_000, i, i % 100_000,
                                second / 3600, second / 60 % 60, second % 60);
                        if (recent.size() < 1000) {
                            recent.add(fields);
                        } else {
                            recent.set(random.nextInt(1000), fields);
                        }
                    }
                    out.write(id);
                    out.write(',');
                    out.write(fields);
                    out.write('\n');
                }
            }
            return new Contents(rows, rows - duplicates, duplicates);
        }
    }

    /** CPU time and peak memory of the stack's processes and of all PostgreSQL processes, from /proc (Linux). */
    static final class ProcessCpu {
        private static final double TICKS = 100.0; // USER_HZ on Linux
        private final Map<String, Long> pids = new LinkedHashMap<>();

        ProcessCpu(LocalStack stack) {
            pids.put("kafka broker", stack.broker().pid());
            for (PipelineService s : PipelineService.values()) {
                pids.put(s.module(), stack.service(s).pid());
            }
        }

        Map<String, Double> snapshot() throws IOException {
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (var e : pids.entrySet()) {
                seconds.put(e.getKey(), cpuSeconds(e.getValue()));
            }
            double postgres = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                            postgres += cpuSeconds(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while we looked
                    }
                }
            }
            seconds.put("postgresql (all)", postgres);
            return seconds;
        }

        Map<String, Long> peakMemory() throws IOException {
            Map<String, Long> mb = new LinkedHashMap<>();
            for (var e : pids.entrySet()) {
                for (String line : Files.readAllLines(Path.of("/proc", e.getValue().toString(), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        mb.put(e.getKey(), Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            }
            return mb;
        }

        /** Ended processes count as what they had used (exited backends are lost; they are short-lived). */
        private static double cpuSeconds(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime
        }
    }
}
