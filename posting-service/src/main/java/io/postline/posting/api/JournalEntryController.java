package io.postline.posting.api;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the ledger: the journal entries of an authorization, with their lines. */
@RestController
public class JournalEntryController {
    private final JdbcTemplate jdbc;

    public JournalEntryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Line(int lineNo, String accountNumber, String side, long amountMinor, String currency,
                       String narrative, String role) {
    }

    public record Entry(String journalId, String postingSequenceId, String authorizationId, String entryType,
                        String correctsJournalId, String businessDate, String postedAt, List<Line> lines) {
    }

    @GetMapping("/v1/journal-entries")
    public List<Entry> byAuthorization(@RequestParam String authorizationId) {
        return jdbc.query("select journal_id, posting_sequence_id, authorization_id, entry_type, corrects_journal_id, "
                        + "business_date, posted_at from journal_entry where authorization_id = ? order by posted_at",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant().toString(),
                        lines(rs.getString(1))), authorizationId);
    }

    private List<Line> lines(String journalId) {
        return jdbc.query("select line_no, account_number, side, amount_minor, currency, narrative, role "
                        + "from journal_line where journal_id = ?::uuid order by line_no", (rs, n) -> new Line(rs.getInt(1),
                        rs.getString(2), "D".equals(rs.getString(3)) ? "DEBIT" : "CREDIT", rs.getLong(4),
                        rs.getString(5).trim(), rs.getString(6), rs.getString(7)), journalId);
    }

}
