package io.postline.posting.store;

import io.postline.posting.file.PostingFileWriter;
import io.postline.stage.sql.SqlArrays;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes the window of a batch source: the detail records not yet in a file become one file (header,
 * details in posting order, trailer), stored with its control totals and checksum. Closing is one
 * transaction, so a detail record is in exactly one file.
 */
@Repository
public class PostingFiles {
    private static final DateTimeFormatter NAME_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private final JdbcTemplate jdbc;

    public PostingFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record FileSummary(UUID fileId, String sourceId, LocalDate businessDate, Instant createdAt, int recordCount,
                              long debitHash, long creditHash, String sha256, String fileName, String closedBy,
                              Instant deliveredAt) {
    }

    /** Closes the source's open window; empty when it holds no records (no empty files are made). */
    @Transactional
    public Optional<FileSummary> closeWindow(String sourceId, LocalDate businessDate, Instant now, String closedBy) {
        record Line(long seq, String record) {
        }
        List<Line> lines = jdbc.query("select seq, record from bank_input_line where source_id = ? and file_id is null "
                + "order by seq for update", (rs, n) -> new Line(rs.getLong(1), rs.getString(2)), sourceId);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        UUID fileId = UUID.randomUUID();
        jdbc.update("update bank_input_line set file_id = ? where seq = any(?)", fileId,
                SqlArrays.int8(lines, Line::seq));
        String content = PostingFileWriter.assemble(fileId.toString(), businessDate, sourceId,
                now.atOffset(ZoneOffset.UTC).toLocalDateTime(), lines.stream().map(Line::record).toList());
        String trailer = content.substring(content.lastIndexOf('\n', content.length() - 2) + 1);
        long debitHash = Long.parseLong(trailer.substring(11, 29));
        long creditHash = Long.parseLong(trailer.substring(30, 48));
        String name = sourceId + "-" + now.atOffset(ZoneOffset.UTC).format(NAME_STAMP) + "-"
                + fileId.toString().substring(0, 8) + ".pst";
        FileSummary summary = new FileSummary(fileId, sourceId, businessDate, now, lines.size(), debitHash, creditHash,
                sha256(content), name, closedBy, null);
        jdbc.update("insert into bank_input_file (file_id, source_id, business_date, created_at, record_count, "
                        + "debit_hash, credit_hash, content, sha256, closed_by, file_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fileId, sourceId, java.sql.Date.valueOf(businessDate), Timestamp.from(now), lines.size(), debitHash,
                creditHash, content, summary.sha256(), closedBy, name);
        return Optional.of(summary);
    }

    /** Sources with records waiting for a file. */
    public List<String> sourcesWithOpenWindows() {
        return jdbc.queryForList("select distinct source_id from bank_input_line where file_id is null", String.class);
    }

    public List<FileSummary> list(int limit) {
        return jdbc.query("select file_id, source_id, business_date, created_at, record_count, debit_hash, credit_hash, "
                + "sha256, file_name, closed_by, delivered_at from bank_input_file order by created_at desc limit ?",
                (rs, n) -> new FileSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getString(8),
                        rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()), limit);
    }

    public Optional<String> content(UUID fileId) {
        return jdbc.queryForList("select content from bank_input_file where file_id = ?", String.class, fileId)
                .stream().findFirst();
    }

    public record Undelivered(UUID fileId, String fileName, String content) {
    }

    public List<Undelivered> undelivered() {
        return jdbc.query("select file_id, file_name, content from bank_input_file where delivered_at is null "
                + "order by created_at", (rs, n) -> new Undelivered(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3)));
    }

    public void markDelivered(UUID fileId) {
        jdbc.update("update bank_input_file set delivered_at = now() where file_id = ?", fileId);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
