package io.postline.reconciliation.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The reconciliation of one business date: how many authorizations ended how, their amounts by currency,
 * the breaks still open and the patches made.
 */
public record EndOfDayReport(LocalDate businessDate, Instant generatedAt, long authorizations, long matched,
                             long openBreaks, Map<String, Long> itemsByStatus, Map<String, Long> breaksByClass,
                             List<StatusAmount> amounts, Map<String, Long> patchesByKind) {

    /** Count and total expected amount of the items in one status and currency. */
    public record StatusAmount(String status, String currency, long count, long amountMinor) {
    }

    /** The report as CSV: one row per figure, {@code section,key,currency,count,amount_minor}. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("section,key,currency,count,amount_minor\n");
        row(csv, "report", "business_date=" + businessDate, "", 0, "");
        row(csv, "summary", "authorizations", "", authorizations, "");
        row(csv, "summary", "matched", "", matched, "");
        row(csv, "summary", "open_breaks", "", openBreaks, "");
        itemsByStatus.forEach((k, v) -> row(csv, "status", k, "", v, ""));
        breaksByClass.forEach((k, v) -> row(csv, "break", k, "", v, ""));
        for (StatusAmount a : amounts) {
            row(csv, "amount", a.status(), a.currency(), a.count(), Long.toString(a.amountMinor()));
        }
        patchesByKind.forEach((k, v) -> row(csv, "patch", k, "", v, ""));
        return csv.toString();
    }

    private static void row(StringBuilder csv, String section, String key, String currency, long count, String amount) {
        csv.append(section).append(',').append(key).append(',').append(currency).append(',').append(count).append(',')
                .append(amount).append('\n');
    }
}
