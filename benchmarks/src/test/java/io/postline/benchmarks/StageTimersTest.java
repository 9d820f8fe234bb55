package io.postline.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StageTimersTest {

    @Test
    void percentilesComeFromTheDifferenceBetweenTwoSnapshots() {
        // before: 100 events all under 1 ms; after: 100 more, 98 under 0.5 ms and 2 up to 5 ms
        var before = new StageTimers.Snapshot(Map.of("posting", buckets(0, 100, 100, 100)), Map.of(), Map.of());
        var after = new StageTimers.Snapshot(Map.of("posting", buckets(98, 198, 200, 200)), Map.of(), Map.of());

        StageTimers.Percentiles p = StageTimers.between(before, after).get("posting");

        assertThat(p.events()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(0.0005);
        assertThat(p.p99()).isEqualTo(0.005);
    }

    @Test
    void theMeanBatchIsRecordsOverBatchesBetweenTheSnapshots() {
        // before: 10 batches of 100 records; between: 30 more batches holding 600 records
        var before = new StageTimers.Snapshot(Map.of("dedup", buckets(0, 1000, 1000, 1000)),
                Map.of("dedup", new StageTimers.Batches(1000, 10)), Map.of());
        var after = new StageTimers.Snapshot(Map.of("dedup", buckets(0, 1600, 1600, 1600)),
                Map.of("dedup", new StageTimers.Batches(1600, 40)), Map.of());

        assertThat(StageTimers.between(before, after).get("dedup").meanBatch()).isEqualTo(20.0);
        assertThat(StageTimers.between(new StageTimers.Snapshot(Map.of(), Map.of(), Map.of()), new StageTimers.Snapshot(
                Map.of("dedup", buckets(0, 5, 5, 5)), Map.of(), Map.of())).get("dedup").meanBatch()).isNaN();
    }

    @Test
    void theRerunsAreTheBatchesRunAgainBetweenTheSnapshotsAndNoneWhenAStageNeverReranOne() {
        var before = new StageTimers.Snapshot(Map.of("reconciliation", buckets(0, 10, 10, 10),
                "posting", buckets(0, 10, 10, 10)), Map.of(), Map.of("reconciliation", 3.0));
        var after = new StageTimers.Snapshot(Map.of("reconciliation", buckets(0, 510, 510, 510),
                "posting", buckets(0, 510, 510, 510)), Map.of(), Map.of("reconciliation", 10.0));

        var stages = StageTimers.between(before, after);

        assertThat(stages.get("reconciliation").reruns()).isEqualTo(7);
        assertThat(stages.get("posting").reruns()).isZero();
    }

    @Test
    void thePrintedLineNamesEachStagesReruns() {
        var out = new ByteArrayOutputStream();
        StageTimers.print(Map.of("reconciliation", new StageTimers.Percentiles(500, 0.0005, 0.001, 250.0, 7)),
                new PrintStream(out, true, UTF_8));

        assertThat(out.toString(UTF_8))
                .contains("reconciliation").contains("p50   500 µs").contains("p99  1000 µs")
                .contains("500 events, 250.0 records per batch, 7 batches rerun");
    }

    private static TreeMap<Double, Double> buckets(double upTo500us, double upTo1ms, double upTo5ms, double all) {
        TreeMap<Double, Double> b = new TreeMap<>();
        b.put(0.0005, upTo500us);
        b.put(0.001, upTo1ms);
        b.put(0.005, upTo5ms);
        b.put(Double.POSITIVE_INFINITY, all);
        return b;
    }
}
