package io.postline.benchmarks;

/**
 * The pipeline's sustained throughput as a share of the raw Kafka pass-through, or why there is no such share.
 * Runs of a few thousand records are mostly start-up (consumer groups joining, the first batches): the ninth
 * round measured 1,275 records/s for the pass-through over 2,000 records and 43,764 over 200,000, so a short
 * run's ratio said 131 % where the long one said 5.8 %. Below {@link #MINIMUM_RECORDS} on either side the
 * report says so instead of printing a number.
 */
record BaselineRatio(long pipelineRecords, double pipelinePerSecond, long baselineRecords, double baselinePerSecond) {
    static final long MINIMUM_RECORDS = 100_000;

    boolean counts() {
        return pipelineRecords >= MINIMUM_RECORDS && baselineRecords >= MINIMUM_RECORDS;
    }

    double percent() {
        return 100 * pipelinePerSecond / baselinePerSecond;
    }

    String describe() {
        if (counts()) {
            return String.format("pipeline throughput / baseline: %.1f %%", percent());
        }
        return String.format("pipeline throughput / baseline: not counted (%,d and %,d records; each side needs "
                + "%,d or more, shorter runs are mostly start-up; %.1f %% as measured)", pipelineRecords,
                baselineRecords, MINIMUM_RECORDS, percent());
    }
}
