package io.postline.rules.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored versions of the rule set; the newest is active. */
@Repository
public class RuleSetVersions {
    private final JdbcTemplate jdbc;

    public RuleSetVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Version(int version, String definition, String description, String createdBy, String comment,
                          Instant createdAt) {
    }

    public int save(String definition, String description, String createdBy, String comment) {
        Integer version = jdbc.queryForObject("insert into rule_set (definition, description, created_by, comment) "
                + "values (?, ?, ?, ?) returning version", Integer.class, definition, description, createdBy, comment);
        return version == null ? 0 : version;
    }

    public Optional<Version> latest() {
        return jdbc.query("select version, definition, description, created_by, comment, created_at from rule_set "
                + "order by version desc limit 1", (rs, n) -> map(rs)).stream().findFirst();
    }

    public Optional<Version> find(int version) {
        return jdbc.query("select version, definition, description, created_by, comment, created_at from rule_set "
                + "where version = ?", (rs, n) -> map(rs), version).stream().findFirst();
    }

    public List<Version> history() {
        return jdbc.query("select version, null, description, created_by, comment, created_at from rule_set "
                + "order by version desc", (rs, n) -> map(rs));
    }

    public int latestVersionNumber() {
        Integer v = jdbc.queryForObject("select coalesce(max(version), 0) from rule_set", Integer.class);
        return v == null ? 0 : v;
    }

    private static Version map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }
}
