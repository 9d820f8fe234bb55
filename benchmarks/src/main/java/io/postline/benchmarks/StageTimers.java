package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages' own processing timer ({@code postline_stage_event_processing_seconds}, a histogram) and batch
 * sizes ({@code postline_stage_batch_size}) read from every service: a snapshot, and percentiles and the mean
 * batch of what happened between two snapshots. A percentile is the upper bound of the bucket it falls in.
 * The mean batch says how much of a stage's per-batch cost (poll, transaction, commit, offsets) each event
 * carries.
 */
final class StageTimers {
    private static final Pattern BUCKET = Pattern.compile(
            "^postline_stage_event_processing_seconds_bucket\\{(.*)\\} ([0-9.eE+-]+)$");
    private static final Pattern BATCH = Pattern.compile(
            "^postline_stage_batch_size_(sum|count)\\{(.*)\\} ([0-9.eE+-]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * stage → upper bound (seconds) → cumulative count; stage → {records in batches, batches}.
     */
    record Snapshot(Map<String, TreeMap<Double, Double>> buckets, Map<String, double[]> batches) {
        Snapshot(Map<String, TreeMap<Double, Double>> buckets) {
            this(buckets, Map.of());
        }
    }

    /** Per stage: events, p50 and p99 (seconds), and records per consumed batch on average (NaN if unknown). */
    record Percentiles(long events, double p50, double p99, double meanBatch) {
    }

    private StageTimers() {
    }

    static Snapshot read(HttpClient http, LocalStack stack) throws IOException, InterruptedException {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        Map<String, double[]> batches = new TreeMap<>();
        for (PipelineService s : PipelineService.values()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + s.managementPort(stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            body.lines().forEach(line -> {
                Matcher m = BUCKET.matcher(line);
                if (m.matches()) {
                    String stage = null;
                    double le = Double.NaN;
                    Matcher l = LABEL.matcher(m.group(1));
                    while (l.find()) {
                        switch (l.group(1)) {
                            case "stage" -> stage = l.group(2);
                            case "le" -> le = l.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY
                                    : Double.parseDouble(l.group(2));
                            default -> { }
                        }
                    }
                    if (stage != null) {
                        buckets.computeIfAbsent(stage, k -> new TreeMap<>()).merge(le, Double.parseDouble(m.group(2)),
                                Double::sum);
                    }
                }
                Matcher b = BATCH.matcher(line);
                if (b.matches()) {
                    Matcher l = LABEL.matcher(b.group(2));
                    while (l.find()) {
                        if (l.group(1).equals("stage")) {
                            batches.computeIfAbsent(l.group(2), k -> new double[2])[b.group(1).equals("sum") ? 0 : 1]
                                    += Double.parseDouble(b.group(3));
                        }
                    }
                }
            });
        }
        return new Snapshot(buckets, batches);
    }

    static Map<String, Percentiles> between(Snapshot before, Snapshot after) {
        Map<String, Percentiles> result = new TreeMap<>();
        after.buckets().forEach((stage, cumulative) -> {
            TreeMap<Double, Double> earlier = before.buckets().getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((le, n) -> delta.put(le, n - earlier.getOrDefault(le, 0.0)));
            double total = delta.getOrDefault(Double.POSITIVE_INFINITY, delta.isEmpty() ? 0 : delta.lastEntry().getValue());
            if (total > 0) {
                double[] b0 = before.batches().getOrDefault(stage, new double[2]);
                double[] b1 = after.batches().getOrDefault(stage, new double[2]);
                double batches = b1[1] - b0[1];
                result.put(stage, new Percentiles((long) total, quantile(delta, total, 0.50),
                        quantile(delta, total, 0.99), batches > 0 ? (b1[0] - b0[0]) / batches : Double.NaN));
            }
        });
        return result;
    }

    private static double quantile(TreeMap<Double, Double> cumulative, double total, double q) {
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
