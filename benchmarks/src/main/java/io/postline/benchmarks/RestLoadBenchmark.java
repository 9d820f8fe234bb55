package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import io.postline.localstack.StackSettings;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/**
 * Issue 9's harness: the whole pipeline on this machine, loaded through the real REST ingest by an open-model
 * sender, in one run:
 * <ol>
 *   <li><b>latency</b>: single POSTs at a fixed rate; end-to-end latency (scheduled send → posted in the
 *       ledger) p50/p99/p99.9, acceptance latency, the stages' own processing time p50/p99;</li>
 *   <li><b>throughput</b>: {@code :batch} requests at a rate above what the pipeline can post; sustained
 *       accepted → posted throughput;</li>
 *   <li><b>baseline</b>: raw Kafka pass-through over the same hops on the same broker, and our throughput as a
 *       share of it;</li>
 * </ol>
 * with CPU time per posted authorization over all processes (PostgreSQL included) and peak resident memory,
 * and the correctness checks at the end: a fast wrong run is not a result.
 */
public final class RestLoadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Hops between the first producer (ingest) and the last consumer (reconciliation). */
    private static final int RELAYS = 5;
    /** Issue 9's end-to-end p99 target at 1,000/s; the latency phase names the seconds that went over it. */
    private static final long TARGET_P99_MICROS = 250_000;
    /** How many of the latency phase's slow spans the report names and breaks down. */
    private static final int WORST_SPANS = 3;

    /**
     * @param warmUp         authorizations sent in {@code :batch} at the throughput rate before anything is measured
     *                       (then at most 20 s of the latency phase's form at its rate)
     * @param latencyRate    authorizations per second in the latency phase
     * @param latencyCount   authorizations in the latency phase
     * @param throughputCount authorizations in the throughput phase
     * @param throughputRate the offered rate in the throughput phase (authorizations per second)
     * @param batchSize      authorizations per {@code :batch} request in the throughput phase
     * @param baselineRecords records through the raw Kafka baseline
     * @param latencyBatchSize authorizations per request in the latency phase: 1 sends single POSTs, more sends
     *                       {@code :batch} requests of that many (a client that groups a few milliseconds of its
     *                       traffic), at {@code latencyRate / latencyBatchSize} requests per second
     * @param settleSeconds  how much longer at most the latency phase's form may keep warming up, in slices of
     *                       {@link JitSettling#SLICE_SECONDS}, until the services' JIT compilers have gone quiet
     *                       ({@link JitSettling}); 0 measures right after the fixed warm-up
     */
    public record Plan(int warmUp, double latencyRate, int latencyCount, int throughputCount, double throughputRate,
                       int batchSize, int baselineRecords, int latencyBatchSize, int settleSeconds) {
        /** The longest settling of the full form and of numbered plans: about four minutes, then measure anyway. */
        static final int SETTLE_SECONDS = 240;

        public Plan {
            if (latencyBatchSize < 1 || batchSize < 1) {
                throw new IllegalArgumentException("batch sizes must be at least 1");
            }
            if (settleSeconds < 0) {
                throw new IllegalArgumentException("settle seconds must not be negative");
            }
        }

        /**
         * The targets' form: 1,000/s in {@code :batch} requests of 20 (single POSTs at that rate overload a 2-core
         * machine, docs/benchmarks.md), and throughput and baseline phases long enough for their ratio to count.
         */
        public static Plan full() {
            return new Plan(100_000, 1_000, 60_000, 200_000, 4_000, 100, 200_000, 20, SETTLE_SECONDS);
        }

        public static Plan shortForm() {
            return new Plan(500, 200, 2_000, 10_000, 2_000, 100, 20_000, 1, 0);
        }

        /** {@code [full|short]}, or the seven numbers of the plan and optionally the latency phase's batch size. */
        static Plan parse(String... args) {
            if (args.length == 7 || args.length == 8) {
                return new Plan(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]), Double.parseDouble(args[4]), Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]), args.length == 8 ? Integer.parseInt(args[7]) : 1, SETTLE_SECONDS);
            }
            if (args.length == 0 || args.length == 1 && args[0].equals("full")) {
                return full();
            }
            if (args.length == 1 && args[0].equals("short")) {
                return shortForm();
            }
            throw new IllegalArgumentException("expected full, short, or 7 or 8 numbers; got " + String.join(" ", args));
        }
    }

    private final StackSettings settings;
    private final PrintStream out;

    public RestLoadBenchmark(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * {@code rest-load [full|short]} or {@code rest-load <warm-up> <latency rate> <latency count>
     * <throughput count> <throughput rate> <batch size> <baseline records> [latency batch size]}; starts its
     * own stack in {@code benchmarks/target/rest-load-stack}.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("postline.root", ".")).toAbsolutePath().normalize();
        Plan plan = Plan.parse(args);
        boolean ok = new RestLoadBenchmark(settings(root, root.resolve("benchmarks/target/rest-load-stack"), 16092,
                6000), System.out).run(plan);
        System.exit(ok ? 0 : 1);
    }

    /** A fresh stack of its own: data directory, ports (below 32768) and database. */
    public static StackSettings settings(Path root, Path dataDir, int kafkaPort, int portOffset) {
        StackSettings defaults = StackSettings.defaults(root);
        return new StackSettings(root, dataDir, kafkaPort, kafkaPort + 1, portOffset, defaults.dbHost(),
                defaults.dbPort(), defaults.dbUser(), defaults.dbPassword(), "postline_rest_load", true)
                .withServicesInOneJvm(defaults.servicesInOneJvm());
    }

    public boolean run(Plan plan) throws Exception {
        try (LocalStack stack = new LocalStack(settings)) {
            out.println("starting the stack (broker, seven services" + (settings.servicesInOneJvm() ? " in one JVM" : "")
                    + ") ...");
            stack.start();
            try (var db = settings.connect()) {
                DatabaseServerSettings.read(db).print(out);
            }
            return run(stack, plan);
        }
    }

    private boolean run(LocalStack stack, Plan plan) throws Exception {
        String token = stack.bearer("authorizations:write operations:read operations:write");
        OpenModelSender sender = new OpenModelSender(HTTP, stack.ingestUrl(), token);
        ProcessCpu cpu = new ProcessCpu(stack);
        DatabaseLoad database = new DatabaseLoad(settings);
        AcceptedPurchases purchases = new AcceptedPurchases();

        // Eight JVMs share two cores: at the latency rate alone their compilers take many minutes to reach
        // compiled code, and the phase would measure the warm-up. So first the same stages at full speed
        // (:batch, many invocations per second), then the latency phase's own form at its rate, so the request
        // path it measures is compiled too and the stack is at that rate when measuring starts.
        out.printf("warm-up: %,d authorizations in :batch of %d, offered at %,.0f/s%n", plan.warmUp(),
                plan.batchSize(), plan.throughputRate());
        phase(stack, token, sender, batches("W-", 1, plan.warmUp(), plan.batchSize(), purchases),
                plan.throughputRate() / plan.batchSize(), purchases);
        // Single POSTs warm up at the phase's own rate too: since their group commit the pipeline has kept up with
        // 1,000/s (docs/benchmarks.md), and a phase that starts at twice the rate it warmed at measures the step.
        double warmRate = plan.latencyRate();
        int formWarmUp = (int) Math.min(plan.warmUp(), 20 * warmRate);
        out.printf("%nwarm-up: %,d authorizations %s at %,.0f/s%n", formWarmUp, latencyForm(plan), warmRate);
        var settling = new JitSettling(cpu);
        var since = cpu.snapshot();
        phase(stack, token, sender, latencyRequests(plan, "X-", 5, formWarmUp, purchases),
                warmRate / plan.latencyBatchSize(), purchases);
        // A steady rate is one the JIT has finished with: on a slow machine its compilers still take a tenth of
        // the machine minutes in (docs/benchmarks.md), so the form warms up on until they go quiet, or the limit.
        if (plan.settleSeconds() > 0) {
            int slices = 0;
            while (!settling.settled(since) && slices < plan.settleSeconds() / JitSettling.SLICE_SECONDS) {
                since = cpu.snapshot();
                phase(stack, token, sender, latencyRequests(plan, "S" + slices + "-", 11 + slices,
                        (int) (JitSettling.SLICE_SECONDS * warmRate), purchases), warmRate / plan.latencyBatchSize(),
                        purchases);
                slices++;
            }
            out.println("  " + settling.describe(slices));
        }

        out.printf("%nlatency: %,d authorizations %s at %,.0f/s%n", plan.latencyCount(), latencyForm(plan),
                plan.latencyRate());
        var timers0 = StageTimers.read(HTTP, stack);
        var cpu0 = cpu.snapshot();
        DatabaseLoad.Snapshot database0 = database.snapshot();
        Phase latency;
        BackendWaits waits = BackendWaits.start(settings::connect);
        try {
            latency = phase(stack, token, sender, latencyRequests(plan, "L-", 2, plan.latencyCount(), purchases),
                    plan.latencyRate() / plan.latencyBatchSize(), purchases);
        } finally {
            waits.close();
        }
        var timers1 = StageTimers.read(HTTP, stack);
        var cpu1 = cpu.snapshot();
        DatabaseLoad.Snapshot database1 = database.snapshot();
        long latencyUnique = latency.newPurchases();

        int requests = (plan.throughputCount() + plan.batchSize() - 1) / plan.batchSize();
        out.printf("%nthroughput: %,d authorizations in %,d :batch requests of %d, offered at %,.0f/s%n",
                plan.throughputCount(), requests, plan.batchSize(), plan.throughputRate());
        Phase throughput = phase(stack, token, sender,
                batches("T-", 3, plan.throughputCount(), plan.batchSize(), purchases),
                plan.throughputRate() / plan.batchSize(), purchases);
        var timers2 = StageTimers.read(HTTP, stack);
        var cpu2 = cpu.snapshot();
        long throughputUnique = throughput.newPurchases();

        out.printf("%nbaseline: %,d records through %d relays on the same broker ...%n", plan.baselineRecords(), RELAYS);
        byte[] payload = KafkaPassThrough.eventLikePayload(new BenchmarkAuthorizations(4, "B-").next().json("x"), 1500);
        KafkaPassThrough.Result baseline = KafkaPassThrough.run(settings.bootstrapServers(), RELAYS,
                plan.baselineRecords(), payload);

        Map<String, Long> summary = StackApi.numbers(StackApi.get(HTTP, stack.url(PipelineService.RECONCILIATION)
                + "/v1/reconciliation/summary", token));
        report(plan, latency, throughput, latencyUnique, throughputUnique, StageTimers.between(timers0, timers1),
                StageTimers.between(timers1, timers2),
                ProcessCpu.between(cpu0, cpu1), ProcessCpu.between(cpu1, cpu2),
                cpu.peakMemory(), baseline);
        DatabaseLoad.print("in the latency phase", database0, database1, latencyUnique, out);
        backends(waits, latency.slow());
        boolean accepted = latency.sent().allAccepted() && throughput.sent().allAccepted();
        boolean consistent = PipelineChecks.verify(settings, summary, purchases.unique(), purchases.duplicates(),
                out);
        out.printf("  [%s] every request accepted%n", accepted ? "ok" : "FAILED");
        return consistent && accepted;
    }

    /** What one phase sent, when its authorizations were posted, and how many new purchases ingest accepted. */
    private record Phase(OpenModelSender.Result sent, Histogram endToEnd, LatencyThirds thirds, SlowSeconds slow,
                         Instant firstScheduled, Instant lastPosted, long posted, long newPurchases) {
        double throughput() {
            return posted / (Duration.between(firstScheduled, lastPosted).toNanos() / 1e9);
        }
    }

    private Phase phase(LocalStack stack, String token, OpenModelSender sender, List<OpenModelSender.Request> requests,
                        double requestsPerSecond, AcceptedPurchases purchases) throws Exception {
        long overflowsBefore = ListenOverflows.snapshot();
        OpenModelSender.Result result = sender.send(requests, requestsPerSecond);
        String overflows = ListenOverflows.describe(overflowsBefore, ListenOverflows.snapshot());
        if (!result.allAccepted()) {
            // Refused (or unanswered) after every attempt: not in the pipeline, so the checks count without them.
            out.printf("  FAILED: %,d of %,d authorizations not accepted after %d attempts; final answers %s; the "
                            + "checks count the accepted ones%n", result.scheduled().size() - result.accepted().size(),
                    result.scheduled().size(), OpenModelSender.ATTEMPTS, result.statuses());
        }
        long newPurchases = purchases.accepted(result.accepted());
        awaitReconciled(stack, token, purchases.total());
        Histogram e2e = LatencyThirds.latencyHistogram();
        Instant first = result.scheduled().values().stream().min(Instant::compareTo).orElseThrow();
        LatencyThirds thirds = new LatencyThirds(first,
                result.scheduled().values().stream().max(Instant::compareTo).orElseThrow());
        SlowSeconds slow = new SlowSeconds(TARGET_P99_MICROS);
        Instant last = first;
        long posted = 0;
        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select authorization_id, posted_at from posting.journal_entry "
                     + "where entry_type = 'POSTING' and authorization_id = any(?)")) {
            q.setArray(1, db.createArrayOf("text", result.scheduled().keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(2).toInstant();
                    Instant scheduled = result.scheduled().get(rs.getString(1));
                    long micros = Math.max(0, Duration.between(scheduled, at).toNanos() / 1000);
                    e2e.recordValue(Math.min(micros, e2e.getHighestTrackableValue()));
                    thirds.record(scheduled, micros);
                    slow.record(scheduled, micros);
                    last = at.isAfter(last) ? at : last;
                    posted++;
                }
            }
        }
        out.printf("  sent in %.1f s (sender at worst %,d µs behind schedule); answers %s, %,d sent again after "
                        + "503/429 or no answer%s%s; %,d posted%n", result.sendingTime().toNanos() / 1e9,
                result.lateStartsMicros(), result.statuses(), result.retries(),
                result.overloads().isEmpty() ? "" : " (overload answers " + result.overloads() + ")", overflows,
                posted);
        return new Phase(result, e2e, thirds, slow, first, last, posted, newPurchases);
    }

    /** Requests in the latency phase's form: single POSTs, or {@code :batch} of the plan's latency batch size. */
    private List<OpenModelSender.Request> latencyRequests(Plan plan, String prefix, long seed, int count,
                                                          AcceptedPurchases purchases) {
        return plan.latencyBatchSize() == 1 ? singles(prefix, seed, count, purchases)
                : batches(prefix, seed, count, plan.latencyBatchSize(), purchases);
    }

    private List<OpenModelSender.Request> singles(String prefix, long seed, int count, AcceptedPurchases purchases) {
        BenchmarkAuthorizations mix = new BenchmarkAuthorizations(seed, prefix);
        List<OpenModelSender.Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var a = purchases.sent(mix.next());
            requests.add(new OpenModelSender.Request("/v1/authorizations", a.json("pos-switch"),
                    List.of(a.authorizationId())));
        }
        return requests;
    }

    private List<OpenModelSender.Request> batches(String prefix, long seed, int count, int size,
                                                  AcceptedPurchases purchases) {
        BenchmarkAuthorizations mix = new BenchmarkAuthorizations(seed, prefix);
        List<OpenModelSender.Request> requests = new ArrayList<>();
        for (int from = 0; from < count; from += size) {
            StringBuilder body = new StringBuilder("{\"authorizations\":[");
            List<String> ids = new ArrayList<>(size);
            for (int i = from; i < Math.min(count, from + size); i++) {
                var a = purchases.sent(mix.next());
                body.append(i > from ? "," : "").append(a.json("pos-switch"));
                ids.add(a.authorizationId());
            }
            requests.add(new OpenModelSender.Request("/v1/authorizations:batch", body.append("]}").toString(), ids));
        }
        return requests;
    }

    /** Until reconciliation has every accepted authorization; fails when nothing moves for two minutes. */
    private void awaitReconciled(LocalStack stack, String token, long total) throws Exception {
        try (ReconciliationWait wait = new ReconciliationWait(HTTP, stack, settings.bootstrapServers(), token)) {
            if (wait.await(total, Duration.ofHours(1), Duration.ofMinutes(2), out) == null) {
                throw new IllegalStateException("reconciliation did not reach " + total + " authorizations");
            }
        }
    }

    private void report(Plan plan, Phase latency, Phase throughput, long latencyUnique, long throughputUnique,
                        Map<String, StageTimers.Percentiles> latencyStages,
                        Map<String, StageTimers.Percentiles> throughputStages, ProcessCpu.Used latencyCpu,
                        ProcessCpu.Used throughputCpu, Map<String, Long> memory, KafkaPassThrough.Result baseline) {
        out.println();
        out.println("== REST load, open model ==");
        Histogram e2e = latency.endToEnd();
        Histogram accept = latency.sent().acceptance();
        out.printf("latency phase: %,d %s at %,.0f/s offered%n", plan.latencyCount(), latencyForm(plan),
                plan.latencyRate());
        out.printf("  end to end (scheduled send -> posted): p50 %s  p99 %s  p99.9 %s  max %s  (%,d posted)%n",
                ms(e2e, 50), ms(e2e, 99), ms(e2e, 99.9), ms(e2e, 100), e2e.getTotalCount());
        // Whether the pipeline kept pace: a steady delay looks the same in every third, a growing backlog does not.
        out.printf("  %s; posted at %,.0f/s (first scheduled send -> last posted)%n", latency.thirds().describe(),
                latency.throughput());
        out.printf("  %s%n", latency.slow().describe(WORST_SPANS));
        out.printf("  ingest acceptance (scheduled send -> 202): p50 %s  p99 %s  p99.9 %s%n", ms(accept, 50),
                ms(accept, 99), ms(accept, 99.9));
        stages(latencyStages);
        cpu(latencyCpu, latencyUnique);
        out.printf("throughput phase: %,d in :batch of %d, offered at %,.0f/s%n", plan.throughputCount(),
                plan.batchSize(), plan.throughputRate());
        out.printf("  sustained, first scheduled send -> last posted: %,.0f authorizations/s (%,d posted in %.1f s)%n",
                throughput.throughput(), throughput.posted(),
                Duration.between(throughput.firstScheduled(), throughput.lastPosted()).toNanos() / 1e9);
        Histogram tp = throughput.endToEnd();
        out.printf("  end to end under saturation: p50 %s  p99 %s  max %s%n", ms(tp, 50), ms(tp, 99), ms(tp, 100));
        stages(throughputStages);
        cpu(throughputCpu, throughputUnique);
        out.printf("baseline: raw Kafka pass-through, %d relays, %,d records of 1,500 bytes: %,.0f records/s%n",
                baseline.relays(), baseline.records(), baseline.perSecond());
        out.printf("  %s%n", new BaselineRatio(throughput.posted(), throughput.throughput(), baseline.records(),
                baseline.perSecond()).describe());
        out.println("peak resident memory (VmHWM):");
        memory.forEach((name, mb) -> out.printf("  %-24s %8d MB%n", name, mb));
    }

    /**
     * The backends' activity through the latency phase, by service, then over each of its worst slow spans, from
     * the span's first scheduled second to the second its last slow authorization was posted in.
     */
    private void backends(BackendWaits waits, SlowSeconds slow) {
        waits.print(out);
        for (SlowSeconds.Span span : slow.worst(WORST_SPANS)) {
            out.printf("    while %s's slow authorizations were posted, to %s: %s%n", span.seconds(),
                    SlowSeconds.second(span.lastPosted()),
                    waits.between(span.firstSecond(), span.lastPosted().getEpochSecond()).describe());
        }
    }

    private static String latencyForm(Plan plan) {
        return plan.latencyBatchSize() == 1 ? "in single POSTs" : "in :batch of " + plan.latencyBatchSize();
    }

    private void stages(Map<String, StageTimers.Percentiles> stages) {
        StageTimers.print(stages, out);
    }

    /**
     * A phase's CPU per posted authorization by process, with the JIT's and the garbage collector's shares and what
     * the machine did besides.
     */
    private void cpu(ProcessCpu.Used used, long posted) {
        double perPosted = 1e6 / Math.max(1, posted);
        StringBuilder line = new StringBuilder(String.format("%,.0f µs in all (", used.total() * perPosted));
        used.processes().forEach((name, seconds) ->
                line.append(String.format("%s %,.0f; ", name.replace("-service", ""), seconds * perPosted)));
        out.printf("  CPU per posted authorization: %s%n", line.append(")").toString().replace("; )", ")"));
        out.printf("    %s%n    %s%n    %s%n", CpuShares.compilers(used.compilers(), posted),
                CpuShares.collectors(used.collectors(), posted),
                CpuShares.machine(used.machine(), used.total(), used.wallSeconds()));
    }

    private static String ms(Histogram h, double percentile) {
        return String.format("%.1f ms", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private Connection database() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", settings.dbUser());
        if (!settings.dbPassword().isEmpty()) {
            props.setProperty("password", settings.dbPassword());
        }
        return DriverManager.getConnection(settings.jdbcUrl(settings.dbName()), props);
    }
}
