package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import io.postline.reconciliation.patch.PipelineLag;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/**
 * Waits until reconciliation has matched or parked a given number of authorizations, without loading the
 * pipeline it measures. The reconciliation summary counts the item table, a scan that grows with it (1.7 s of
 * database time at a million items): polled twice a second it took a core of its own by the end of a
 * million-row run. So while the consumer groups have lag the wait reads only the lag (reconciliation's own
 * {@link PipelineLag} over every consumer group: three broker requests);
 * once the lag is gone it reads the summary after 1 s, then 2, 4 and at most every 8 s while it waits on.
 */
final class ReconciliationWait implements AutoCloseable {
    private static final long FIRST_SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final long TIMEOUT_MS = 10_000;

    private final HttpClient http;
    private final String summaryUrl;
    private final String token;
    private final Admin admin;

    ReconciliationWait(HttpClient http, LocalStack stack, String bootstrapServers, String token) {
        this.http = http;
        this.summaryUrl = stack.url(PipelineService.RECONCILIATION) + "/v1/reconciliation/summary";
        this.token = token;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /**
     * The summary once {@code rows} are matched or parked, or null when that has not happened within
     * {@code timeout} or nothing (lag or count) has moved for {@code stall}.
     *
     * @param progress where to print a line every 30 s, or null
     */
    Map<String, Long> await(long rows, Duration timeout, Duration stall, PrintStream progress) throws Exception {
        long start = System.nanoTime();
        long lastReport = start;
        long lastSummary = start;
        long summaryEvery = FIRST_SUMMARY_NANOS;
        long lastChange = start;
        long lastLag = -1;
        long lastDone = -1;
        while (true) {
            long now = System.nanoTime();
            Map<String, Long> lags = lags();
            long lag = lags == null ? -1 : PipelineLag.total(lags);
            if (lag != lastLag) {
                lastLag = lag;
                lastChange = now;
            }
            if (lag != 0) { // behind, or not known
                summaryEvery = FIRST_SUMMARY_NANOS;
            } else if (now - lastSummary >= summaryEvery) {
                lastSummary = now;
                summaryEvery = Math.min(summaryEvery * 2, MAX_SUMMARY_NANOS);
                Map<String, Long> summary = StackApi.numbers(StackApi.get(http, summaryUrl, token));
                long done = summary.getOrDefault("matched", 0L) + summary.getOrDefault("parkedDuplicates", 0L);
                if (done >= rows) {
                    return summary;
                }
                if (done != lastDone) {
                    lastDone = done;
                    lastChange = now;
                }
            }
            if (now - start > timeout.toNanos() || now - lastChange > stall.toNanos()) {
                if (progress != null) {
                    progress.printf("gave up: consumer lag %,d%s, %,d of %,d reconciled at the last summary%n", lag,
                            where(lags), lastDone, rows);
                }
                return null;
            }
            if (progress != null && now - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                lastReport = now;
                progress.printf("  %5.0f s: consumer lag %,d%s%n", (now - start) / 1e9, lag, where(lags));
            }
            Thread.sleep(lag == 0 ? 200 : 500);
        }
    }

    /** Records produced to the topics of each consumer group but not yet committed by it; null if unknown. */
    private Map<String, Long> lags() throws Exception {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId).toList();
        return groups.isEmpty() ? Map.of() : new PipelineLag(admin, groups).byGroup().orElse(null);
    }

    /**
     * Where the backlog sits, largest first, e.g. " (posting 412,000, reconciliation 9,100)": the stage that holds
     * it at the end is the one the run waits for.
     */
    static String where(Map<String, Long> lags) {
        if (lags == null) {
            return " (not known)";
        }
        String behind = lags.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return behind.isEmpty() ? "" : " (" + behind + ")";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
