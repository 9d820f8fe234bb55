package io.postline.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
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
    void aSnapshotReadsTheStagesCountersFromThePrometheusTextOfEachService() {
        // As the services export them: other series and the HELP/TYPE lines are skipped.
        String reconciliation = """
                # HELP postline_stage_batch_reruns_total Batches rolled back and run again tolerating repeats
                # TYPE postline_stage_batch_reruns_total counter
                postline_stage_batch_reruns_total{application="reconciliation",stage="reconciliation"} 4.0
                postline_stage_batch_size_count{application="reconciliation",stage="reconciliation"} 12
                postline_stage_batch_size_sum{application="reconciliation",stage="reconciliation"} 6000.0
                postline_stage_event_processing_seconds_bucket{application="reconciliation",stage="reconciliation",le="0.001"} 5990
                postline_stage_event_processing_seconds_bucket{application="reconciliation",stage="reconciliation",le="+Inf"} 6000
                postline_stage_events_in_total{application="reconciliation",stage="reconciliation",topic="posting.posted"} 3000.0
                """;
        String posting = """
                postline_stage_batch_reruns_total{application="posting",stage="posting"} 0.0
                postline_stage_event_processing_seconds_bucket{application="posting",stage="posting",le="+Inf"} 10
                """;

        StageTimers.Snapshot snapshot = StageTimers.parse(List.of(reconciliation, posting));

        assertThat(snapshot.reruns()).containsExactlyInAnyOrderEntriesOf(Map.of("reconciliation", 4.0, "posting", 0.0));
        assertThat(snapshot.batches().get("reconciliation")).isEqualTo(new StageTimers.Batches(6000, 12));
        assertThat(snapshot.buckets().get("reconciliation"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(0.001, 5990.0, Double.POSITIVE_INFINITY, 6000.0));
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
