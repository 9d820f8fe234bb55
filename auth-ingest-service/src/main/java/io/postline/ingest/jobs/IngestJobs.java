package io.postline.ingest.jobs;

import io.postline.ingest.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** File ingest jobs: their state, counters and per-line errors. */
@Repository
public class IngestJobs {
    private final JdbcTemplate jdbc;

    public IngestJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Job(UUID jobId, String sourceId, String format, String status, String filePath, long bytes,
                      int linesDone, int accepted, int rejected, Instant createdAt, Instant startedAt,
                      Instant finishedAt, String failure) {
    }

    public record LineError(int line, String field, String message) {
    }

    private static final String COLUMNS = "job_id, source_id, format, status, file_path, bytes, lines_done, accepted, "
            + "rejected, created_at, started_at, finished_at, failure";

    public void create(UUID jobId, String sourceId, String format, String filePath, long bytes) {
        jdbc.update("insert into ingest_job (job_id, source_id, format, status, file_path, bytes) "
                + "values (?, ?, ?, 'RECEIVED', ?, ?)", jobId, sourceId, format, filePath, bytes);
    }

    public Optional<Job> find(UUID jobId) {
        return jdbc.query("select " + COLUMNS + " from ingest_job where job_id = ?", (rs, n) -> job(rs), jobId)
                .stream().findFirst();
    }

    /** Takes the oldest job waiting, or one whose runner stopped beating (a crash), for this runner. */
    public Optional<Job> claimNext() {
        return jdbc.query("update ingest_job set status = 'RUNNING', started_at = coalesce(started_at, now()), "
                + "heartbeat = now() where job_id = (select job_id from ingest_job where status = 'RECEIVED' "
                + "or (status = 'RUNNING' and heartbeat < now() - interval '30 seconds') order by created_at limit 1 "
                + "for update skip locked) returning " + COLUMNS, (rs, n) -> job(rs)).stream().findFirst();
    }

    /** Records a chunk's progress; runs in the chunk's transaction. */
    public void progress(UUID jobId, int linesDone, int accepted, int rejected, List<LineError> errors, int maxErrors) {
        jdbc.update("update ingest_job set lines_done = ?, accepted = accepted + ?, rejected = rejected + ?, "
                + "heartbeat = now() where job_id = ?", linesDone, accepted, rejected, jobId);
        if (!errors.isEmpty()) {
            Integer kept = jdbc.queryForObject("select count(*) from ingest_job_error where job_id = ?", Integer.class,
                    jobId);
            List<LineError> room = errors.subList(0, Math.max(0, Math.min(errors.size(), maxErrors - kept)));
            jdbc.batchUpdate("insert into ingest_job_error (job_id, line, field, message) values (?, ?, ?, ?) "
                    + "on conflict do nothing", room, room.size(), (ps, e) -> {
                        ps.setObject(1, jobId);
                        ps.setInt(2, e.line());
                        ps.setString(3, e.field());
                        ps.setString(4, e.message());
                    });
        }
    }

    public void finish(UUID jobId, String status, String failure) {
        jdbc.update("update ingest_job set status = ?, failure = ?, finished_at = now() where job_id = ?", status,
                failure, jobId);
    }

    public List<LineError> errors(UUID jobId, int limit) {
        return jdbc.query("select line, field, message from ingest_job_error where job_id = ? order by line, field "
                + "limit ?", (rs, n) -> new LineError(rs.getInt(1), rs.getString(2), rs.getString(3)), jobId, limit);
    }

    static LineError error(int line, FieldError e) {
        return new LineError(line, e.field(), e.message());
    }

    private static Job job(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getString(13));
    }
}
