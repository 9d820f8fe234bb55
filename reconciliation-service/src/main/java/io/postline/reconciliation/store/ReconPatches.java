package io.postline.reconciliation.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The append-only audit of patches. */
@Repository
public class ReconPatches {
    private final JdbcTemplate jdbc;

    public ReconPatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record PatchRecord(UUID patchId, String authorizationId, String kind, String statusBefore, String reason,
                              String actor, UUID targetJournal, Long amountMinor, String currency,
                              LocalDate businessDate, Instant createdAt) {
    }

    /** Records the patch; false if a patch with this id was recorded before (so it is not done twice). */
    public boolean record(PatchRecord p) {
        return jdbc.update("insert into recon_patch (patch_id, authorization_id, kind, status_before, reason, actor, "
                        + "target_journal, amount_minor, currency, business_date, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (patch_id) do nothing", p.patchId(),
                p.authorizationId(), p.kind(), p.statusBefore(), p.reason(), p.actor(), p.targetJournal(),
                p.amountMinor(), p.currency(), p.businessDate(), Timestamp.from(p.createdAt())) == 1;
    }

    public List<PatchRecord> page(String authorizationId, String kind, LocalDate businessDate, int page, int size) {
        return jdbc.query("select patch_id, authorization_id, kind, status_before, reason, actor, target_journal, "
                        + "amount_minor, currency, business_date, created_at from recon_patch "
                        + "where (?::text is null or authorization_id = ?) and (?::text is null or kind = ?) "
                        + "and (?::date is null or business_date = ?::date) order by created_at, patch_id limit ? offset ?",
                (rs, n) -> new PatchRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                        (Long) rs.getObject(8), rs.getString(9) == null ? null : rs.getString(9).trim(),
                        rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), rs.getTimestamp(11).toInstant()),
                authorizationId, authorizationId, kind, kind, businessDate, businessDate, size, (long) page * size);
    }

    public Map<String, Long> countByKind(LocalDate businessDate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select kind, count(*) from recon_patch where (?::date is null or business_date = ?::date) "
                + "group by kind order by kind", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, businessDate, businessDate);
        return counts;
    }
}
