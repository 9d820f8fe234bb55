package io.postline.stage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.TestDatabases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Against the real server: the ids arrive as a uuid[], in order, nulls included. */
class UuidArraysTest {
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            TestDatabases.freshDatabase("postline_uuid_arrays"), TestDatabases.server().user(),
            TestDatabases.server().password()));

    @Test
    void theIdsArriveAsAUuidArrayInOrderWithTheirNulls() {
        List<UUID> ids = new ArrayList<>(Arrays.asList(UUID.randomUUID(), null, UUID.randomUUID()));
        List<UUID> back = new ArrayList<>();
        jdbc.query("select u, pg_typeof(u)::text from unnest(" + UuidArrays.PARAMETER + ") with ordinality as x(u, n) "
                + "order by n", rs -> {
                    back.add(rs.getObject(1, UUID.class));
                    assertThat(rs.getString(2)).isEqualTo("uuid");
                }, UuidArrays.of(ids));
        assertThat(back).isEqualTo(ids);
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        Integer n = jdbc.queryForObject("select cardinality(" + UuidArrays.PARAMETER + ")", Integer.class,
                UuidArrays.of(List.of()));
        assertThat(n).isZero();
    }
}
