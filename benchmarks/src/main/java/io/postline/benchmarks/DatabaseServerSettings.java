package io.postline.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL server settings a run's figures depend on, printed with the report. A machine's database may be
 * configured for tests rather than for production: the CI machines of this project run with {@code autovacuum}
 * off, so no table is vacuumed or analyzed during a run, plans rest on no statistics and dead rows pile up
 * (docs/benchmarks.md, seventh round).
 */
record DatabaseServerSettings(String version, Map<String, Setting> settings) {
    /** The settings shown, in the order shown. */
    static final String[] NAMES = {"autovacuum", "shared_buffers", "max_wal_size", "synchronous_commit", "fsync"};

    record Setting(String value, String source) {
    }

    static DatabaseServerSettings read(Connection db) throws SQLException {
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
        return new DatabaseServerSettings(version, settings);
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
        }
    }
}
