package io.postline.benchmarks;

import io.postline.localstack.StackSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every benchmark run must pass to count: a fast wrong run is not a result. */
final class PipelineChecks {
    private PipelineChecks() {
    }

    /**
     * The checks a run must pass to count: everything posted once, balanced, reconciled, no DLT, no error in the
     * services' logs (our code's warnings are printed, not failed: a transient retry is not a wrong result).
     * {@code unique} and {@code duplicates} are what ingest took in: every line of a file, or what ingest
     * accepted of the REST sender's requests ({@link AcceptedPurchases}).
     */
    static boolean verify(StackSettings settings, Map<String, Long> summary, long unique, long duplicates,
                          PrintStream out) throws Exception {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("reconciliation: matched = unique authorizations taken in (" + unique + ")",
                summary.get("matched") == unique);
        checks.put("reconciliation: parked duplicates = business duplicates taken in (" + duplicates + ")",
                summary.get("parkedDuplicates") == duplicates);
        checks.put("reconciliation: no open break", summary.get("openBreaks") == 0);
        try (Connection db = settings.connect();
             Statement st = db.createStatement()) {
            checks.put("ledger: one posting per unique authorization", one(st,
                    "select count(distinct authorization_id) from posting.journal_entry where entry_type = 'POSTING'")
                    == unique);
            checks.put("ledger: no sequence posted twice", one(st, "select count(*) - count(distinct posting_sequence_id) "
                    + "from posting.journal_entry") == 0);
            checks.put("ledger: every line names its journal entry", one(st, "select count(*) from posting.journal_line l "
                    + "where not exists (select 1 from posting.journal_entry e where e.journal_id = l.journal_id)") == 0);
            checks.put("ledger: every journal balanced per currency", one(st, "select count(*) from (select 1 from "
                    + "posting.journal_line group by journal_id, currency having sum(case side when 'D' then amount_minor "
                    + "else -amount_minor end) <> 0) unbalanced") == 0);
            checks.put("ledger: balances equal the sum of their lines", one(st, "select count(*) from "
                    + "posting.account_balance b full join (select account_number, currency, sum(case side when 'D' "
                    + "then amount_minor else 0 end) d, sum(case side when 'C' then amount_minor else 0 end) c from "
                    + "posting.journal_line group by 1, 2) l using (account_number, currency) "
                    + "where b.debit_minor is distinct from l.d or b.credit_minor is distinct from l.c") == 0);
            checks.put("no dead letters in any stage", one(st, "select "
                    + "(select count(*) from dedup.outbox where topic like '%.dlt') + "
                    + "(select count(*) from standardizer.outbox where topic like '%.dlt') + "
                    + "(select count(*) from enrichment.outbox where topic like '%.dlt') + "
                    + "(select count(*) from rules.outbox where topic like '%.dlt') + "
                    + "(select count(*) from posting.outbox where topic like '%.dlt') + "
                    + "(select count(*) from reconciliation.outbox where topic like '%.dlt')") == 0);
        }
        LoggedProblems logged = LoggedProblems.read(settings.dataDir().resolve("logs"));
        logged.print(out);
        checks.put("no error in the services' logs", logged.errors() == 0);
        out.println("checks:");
        checks.forEach((what, passed) -> out.printf("  [%s] %s%n", passed ? "ok" : "FAILED", what));
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
