package io.postline.reconciliation.report;

import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconPatches;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds the end-of-day report of a business date from the items and the patch audit. */
@Component
public class EndOfDayReports {
    private final JdbcTemplate jdbc;
    private final ReconPatches patches;

    public EndOfDayReports(JdbcTemplate jdbc, ReconPatches patches) {
        this.jdbc = jdbc;
        this.patches = patches;
    }

    public EndOfDayReport of(LocalDate businessDate) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ReconStatus s : ReconStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        List<EndOfDayReport.StatusAmount> amounts = new ArrayList<>();
        jdbc.query("select status, coalesce(expected_currency, ''), count(*), coalesce(sum(expected_amount_minor), 0) "
                + "from recon_item where business_date = ? group by 1, 2 order by 1, 2", rs -> {
                    String status = rs.getString(1);
                    byStatus.merge(status, rs.getLong(3), Long::sum);
                    amounts.add(new EndOfDayReport.StatusAmount(status, rs.getString(2).trim(), rs.getLong(3),
                            rs.getLong(4)));
                }, businessDate);
        Map<String, Long> breaks = new LinkedHashMap<>();
        byStatus.forEach((s, n) -> {
            if (ReconStatus.valueOf(s).isBreak()) {
                breaks.put(s, n);
            }
        });
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long open = breaks.values().stream().mapToLong(Long::longValue).sum();
        return new EndOfDayReport(businessDate, Instant.now(), all, byStatus.get(ReconStatus.MATCHED.name()), open,
                byStatus, breaks, amounts, patches.countByKind(businessDate));
    }
}
