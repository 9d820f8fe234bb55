package io.postline.posting.store;

import io.postline.events.EntrySide;
import io.postline.posting.domain.JournalEntry;
import io.postline.posting.domain.PostedEntries;
import io.postline.posting.file.PostingRecordLayout;
import io.postline.posting.file.PostingRecordLayout.Detail;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Detail records of batch sources' entries, written with the entry and collected into a file per window. */
@Repository
public class BankInputLines {
    private final JdbcTemplate jdbc;

    public BankInputLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(List<JournalEntry> entries) {
        record Row(String source, JournalEntry entry, Detail detail) {
        }
        List<Row> rows = new ArrayList<>();
        for (JournalEntry e : entries) {
            for (Detail d : PostedEntries.details(e)) {
                rows.add(new Row(e.context().sourceId(), e, d));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into bank_input_line (source_id, journal_id, line_no, side, amount_minor, record) "
                + "values (?, ?, ?, ?, ?, ?) on conflict (journal_id, line_no) do nothing", rows, rows.size(), (ps, r) -> {
                    ps.setString(1, r.source());
                    ps.setObject(2, r.entry().journalId());
                    ps.setInt(3, r.detail().legIndex());
                    ps.setString(4, r.detail().side() == EntrySide.DEBIT ? "D" : "C");
                    ps.setLong(5, r.detail().amountMinor());
                    ps.setString(6, PostingRecordLayout.detail(r.detail()));
                });
    }
}
