package io.postline.benchmarks;

import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency of a phase split by thirds of its schedule. A pipeline that keeps pace with the offered
 * rate has about the same p99 in each third; one that falls behind has it growing third by third, which the
 * phase's single histogram cannot show (a 60 s phase of 1,000 single POSTs a second had p99 8.6 s without
 * telling whether that was a steady delay or a backlog).
 */
final class LatencyThirds {
    private final Instant first;
    private final long spanNanos;
    private final Histogram[] thirds = new Histogram[3];

    /**
     * @param first the earliest scheduled send of the phase
     * @param last  the latest scheduled send of the phase
     */
    LatencyThirds(Instant first, Instant last) {
        this.first = first;
        this.spanNanos = Math.max(1, Duration.between(first, last).toNanos());
        for (int i = 0; i < thirds.length; i++) {
            thirds[i] = latencyHistogram();
        }
    }

    /**
     * An empty histogram of latencies in microseconds, up to half an hour at 3 significant digits: the shape of
     * every end-to-end latency the REST benchmark records (a phase's, and each of its thirds).
     */
    static Histogram latencyHistogram() {
        return new Histogram(Duration.ofMinutes(30).toNanos() / 1000, 3);
    }

    /** Records one authorization's latency in the third its scheduled send falls in. */
    void record(Instant scheduled, long micros) {
        long into = Math.max(0, Duration.between(first, scheduled).toNanos());
        int third = (int) Math.min(2, into * 3 / spanNanos);
        Histogram h = thirds[third];
        h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
    }

    /** The third's histogram, 0 to 2 in schedule order. */
    Histogram third(int index) {
        return thirds[index];
    }

    /** "p99 by thirds of the schedule: 120.3 / 118.9 / 125.0 ms", a third without values as "-". */
    String describe() {
        StringBuilder line = new StringBuilder("p99 by thirds of the schedule: ");
        for (int i = 0; i < thirds.length; i++) {
            line.append(i > 0 ? " / " : "").append(thirds[i].getTotalCount() == 0 ? "-"
                    : String.format("%.1f", thirds[i].getValueAtPercentile(99) / 1000.0));
        }
        return line.append(" ms").toString();
    }
}
