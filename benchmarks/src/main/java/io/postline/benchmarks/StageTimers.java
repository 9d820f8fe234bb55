package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages' own processing timer ({@code postline_stage_event_processing_seconds}, a histogram) and batch
 * sizes ({@code postline_stage_batch_size}) read from every service: a snapshot, and percentiles and the mean
 * batch of what happened between two snapshots. A percentile is the upper bound of the bucket it falls in.
 * The mean batch says how much of a stage's per-batch cost (poll, transaction, commit, offsets) each event
 * carries; the reruns ({@code postline_stage_batch_reruns_total}) how many batches were rolled back and run again
 * because their first run met an id stored before, each of them paid twice.
 */
final class StageTimers {
    private static final Pattern BUCKET = Pattern.compile(
            "^postline_stage_event_processing_seconds_bucket\\{(.*)\\} ([0-9.eE+-]+)$");
    private static final Pattern BATCH = Pattern.compile(
            "^postline_stage_batch_size_(sum|count)\\{(.*)\\} ([0-9.eE+-]+)$");
    private static final Pattern RERUNS = Pattern.compile(
            "^postline_stage_batch_reruns_total\\{(.*)\\} ([0-9.eE+-]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** stage → upper bound (seconds) → cumulative count; stage → its batches so far; stage → its reruns so far. */
    record Snapshot(Map<String, TreeMap<Double, Double>> buckets, Map<String, Batches> batches,
                    Map<String, Double> reruns) {
    }

    /** Cumulative records consumed and batches they came in. */
    record Batches(double records, double count) {
        static final Batches NONE = new Batches(0, 0);

        Batches plus(Batches other) {
            return new Batches(records + other.records, count + other.count);
        }
    }

    /**
     * Per stage: events, p50 and p99 (seconds), records per consumed batch on average (NaN if unknown), and batches
     * run a second time.
     */
    record Percentiles(long events, double p50, double p99, double meanBatch, long reruns) {
    }

    private StageTimers() {
    }

    static Snapshot read(HttpClient http, LocalStack stack) throws IOException, InterruptedException {
        List<String> bodies = new ArrayList<>();
        for (PipelineService s : PipelineService.values()) {
            bodies.add(http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + s.managementPort(stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        return parse(bodies);
    }

    /** A snapshot from the services' Prometheus texts, summed per stage over services (one stage per service). */
    static Snapshot parse(List<String> bodies) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        Map<String, Batches> batches = new TreeMap<>();
        Map<String, Double> reruns = new TreeMap<>();
        for (String body : bodies) {
            body.lines().forEach(line -> {
                Matcher m = BUCKET.matcher(line);
                if (m.matches()) {
                    Map<String, String> labels = labels(m.group(1));
                    String le = labels.get("le");
                    if (labels.containsKey("stage") && le != null) {
                        buckets.computeIfAbsent(labels.get("stage"), k -> new TreeMap<>()).merge(
                                le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                                Double.parseDouble(m.group(2)), Double::sum);
                    }
                }
                Matcher b = BATCH.matcher(line);
                if (b.matches()) {
                    String stage = labels(b.group(2)).get("stage");
                    double value = Double.parseDouble(b.group(3));
                    if (stage != null) {
                        batches.merge(stage, b.group(1).equals("sum") ? new Batches(value, 0) : new Batches(0, value),
                                Batches::plus);
                    }
                }
                Matcher r = RERUNS.matcher(line);
                if (r.matches()) {
                    String stage = labels(r.group(1)).get("stage");
                    if (stage != null) {
                        reruns.merge(stage, Double.parseDouble(r.group(2)), Double::sum);
                    }
                }
            });
        }
        return new Snapshot(buckets, batches, reruns);
    }

    static Map<String, Percentiles> between(Snapshot before, Snapshot after) {
        Map<String, Percentiles> result = new TreeMap<>();
        after.buckets().forEach((stage, cumulative) -> {
            TreeMap<Double, Double> earlier = before.buckets().getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((le, n) -> delta.put(le, n - earlier.getOrDefault(le, 0.0)));
            double total = delta.getOrDefault(Double.POSITIVE_INFINITY, delta.isEmpty() ? 0 : delta.lastEntry().getValue());
            if (total > 0) {
                Batches b0 = before.batches().getOrDefault(stage, Batches.NONE);
                Batches b1 = after.batches().getOrDefault(stage, Batches.NONE);
                double batches = b1.count() - b0.count();
                long reruns = Math.round(after.reruns().getOrDefault(stage, 0.0) - before.reruns().getOrDefault(stage, 0.0));
                result.put(stage, new Percentiles((long) total, quantile(delta, total, 0.50),
                        quantile(delta, total, 0.99), batches > 0 ? (b1.records() - b0.records()) / batches : Double.NaN,
                        reruns));
            }
        });
        return result;
    }

    /** One line per stage: its percentiles, events, mean batch and reruns. */
    static void print(Map<String, Percentiles> stages, PrintStream out) {
        out.println("  stage processing time per event (the stages' own timer; bucket upper bounds):");
        stages.forEach((stage, p) -> out.printf(
                "    %-24s p50 %8s  p99 %8s  (%,d events, %.1f records per batch, %,d batches rerun)%n",
                stage, micros(p.p50()), micros(p.p99()), p.events(), p.meanBatch(), p.reruns()));
    }

    private static String micros(double seconds) {
        return Double.isInfinite(seconds) ? "> max" : String.format("%.0f µs", seconds * 1e6);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new java.util.HashMap<>();
        Matcher l = LABEL.matcher(text);
        while (l.find()) {
            labels.put(l.group(1), l.group(2));
        }
        return labels;
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
