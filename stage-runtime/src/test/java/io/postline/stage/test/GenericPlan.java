package io.postline.stage.test;

import java.sql.ResultSet;
import java.sql.Statement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plan PostgreSQL keeps for a prepared statement when it plans once for any parameters (a generic plan), as
 * it may for pgjdbc's server-side statements after their first runs. Tests use it to check that a hot statement
 * still reaches the index meant for it in that plan, not only in the plans made for given values.
 */
public final class GenericPlan {

    private GenericPlan() {
    }

    /**
     * {@code EXPLAIN} of {@code sql} (its {@code ?} numbered as parameters of the given {@code types}) executed
     * with {@code arguments}, under {@code force_generic_plan} and any further {@code settings} ("name = value").
     */
    public static String of(JdbcTemplate jdbc, String sql, String types, String arguments, String... settings) {
        StringBuilder numbered = new StringBuilder(sql.length() + 8);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        // One connection for all of it: the prepared statement and the settings live in its session.
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("prepare generic_plan(" + types + ") as " + numbered);
                try {
                    st.execute("set plan_cache_mode = force_generic_plan");
                    for (String setting : settings) {
                        st.execute("set " + setting);
                    }
                    try (ResultSet rs = st.executeQuery("explain execute generic_plan(" + arguments + ")")) {
                        StringBuilder lines = new StringBuilder();
                        while (rs.next()) {
                            lines.append(rs.getString(1)).append('\n');
                        }
                        return lines.toString();
                    }
                } finally {
                    st.execute("deallocate generic_plan");
                    // Each by name: the pool's connection keeps what it was opened with (its search_path).
                    st.execute("reset plan_cache_mode");
                    for (String setting : settings) {
                        st.execute("reset " + setting.substring(0, setting.indexOf('=')).strip());
                    }
                }
            }
        });
    }
}
