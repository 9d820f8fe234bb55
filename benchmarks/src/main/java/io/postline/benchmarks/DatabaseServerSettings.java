package io.postline.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL server settings a run's figures depend on, printed with the report. A machine's database may be
 * configured for tests rather than for production: the CI machines of this project run with {@code autovacuum}
 * off, so no table is vacuumed or analyzed during a run, plans rest on no statistics and dead rows pile up
 * (docs/benchmarks.md, seventh round). The other large databases on the server are named too: with autovacuum on, it
 * works through them during the run, as it did through a whole REST latency phase on an earlier benchmark's 16 GB
 * left behind (docs/benchmarks.md, twenty-ninth REST round).
 */
record DatabaseServerSettings(String version, Map<String, Setting> settings, List<OtherDatabase> others) {
    /** The settings shown, in the order shown. */
    static final String[] NAMES = {"autovacuum", "shared_buffers", "max_wal_size", "wal_buffers", "synchronous_commit",
            "fsync"};

    /** Smaller databases are not worth a line: autovacuum is through them in seconds. */
    static final long LARGE_DATABASE_BYTES = 1L << 30;

    record Setting(String value, String source) {
    }

    record OtherDatabase(String name, long bytes) {
    }

    static DatabaseServerSettings read(Connection db) throws SQLException {
        return read(db, LARGE_DATABASE_BYTES);
    }

    static DatabaseServerSettings read(Connection db, long largeDatabaseBytes) throws SQLException {
        Map<String, Setting> found = new HashMap<>();
        String version = null;
        try (PreparedStatement st = db.prepareStatement("select name, current_setting(name), coalesce(sourcefile, "
                + "source) from pg_settings where name = any(?) or name = 'server_version'")) {
            st.setArray(1, db.createArrayOf("text", NAMES));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("server_version")) {
                        version = rs.getString(2);
                    } else {
                        found.put(rs.getString(1), new Setting(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        Map<String, Setting> settings = new LinkedHashMap<>(); // in the order of NAMES
        for (String name : NAMES) {
            if (found.containsKey(name)) {
                settings.put(name, found.get(name));
            }
        }
        return new DatabaseServerSettings(version, settings, otherDatabases(db, largeDatabaseBytes));
    }

    /** Databases other than the run's own (and the server's templates) of at least the given size, largest first. */
    private static List<OtherDatabase> otherDatabases(Connection db, long minBytes) throws SQLException {
        List<OtherDatabase> others = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("select datname, size from (select datname, "
                + "pg_database_size(oid) as size from pg_database where datallowconn and not datistemplate "
                + "and datname <> current_database() and has_database_privilege(oid, 'CONNECT')) d "
                + "where size >= ? order by size desc, datname")) {
            st.setLong(1, minBytes);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    others.add(new OtherDatabase(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return others;
    }

    boolean autovacuumOff() {
        Setting s = settings.get("autovacuum");
        return s != null && s.value().equals("off");
    }

    void print(PrintStream out) {
        StringBuilder line = new StringBuilder("PostgreSQL " + version + ":");
        settings.forEach((name, s) -> line.append(' ').append(name).append('=').append(s.value()));
        out.println(line);
        if (autovacuumOff()) {
            out.println("  NOTE: autovacuum is off on this server (" + settings.get("autovacuum").source() + "): no "
                    + "table is vacuumed or analyzed during the run, unlike a production database");
        } else if (!others.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (OtherDatabase o : others) {
                names.append(names.isEmpty() ? "" : ", ").append(o.name())
                        .append(String.format(Locale.ROOT, " (%.1f GB)", o.bytes() / (double) (1L << 30)));
            }
            out.println("  NOTE: autovacuum is on and this server holds other large databases: " + names + ". Vacuuming "
                    + "them competes with the run; drop the ones not needed (e.g. an earlier benchmark's)");
        }
    }
}
