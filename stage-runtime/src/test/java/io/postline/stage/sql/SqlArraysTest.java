package io.postline.stage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.TestDatabases;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.core.Oid;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Against the real server: each kind of array arrives typed, in order, nulls included; and each reaches the
 * driver as the typed Java array it encodes in binary (an {@code Object[]} would still work, slowly, so only
 * the class handed to the driver tells the two apart). UUID, text and byte-string arrays write their own binary
 * form, which must be byte for byte the server's, and still arrive whole on a connection that sends them as text.
 */
class SqlArraysTest {
    /** Values an array literal would have to quote or escape. */
    private static final List<String> TRICKY_TEXT = Arrays.asList("a,b", "{\"q\":\"x\\y\"}", null, "NULL", "",
            " spaced ", "é€");
    private static final List<byte[]> TRICKY_BYTES = Arrays.asList(new byte[] {0, (byte) 0xff, '"', '\\', ','},
            null, "{NULL}".getBytes(StandardCharsets.UTF_8), new byte[0]);

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
            TestDatabases.freshDatabase("postline_sql_arrays"), TestDatabases.server().user(),
            TestDatabases.server().password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    @Test
    void uuidsArriveAsAUuidArrayInOrderWithTheirNulls() {
        List<UUID> ids = new ArrayList<>(Arrays.asList(UUID.randomUUID(), null, UUID.randomUUID()));
        List<UUID> back = new ArrayList<>();
        jdbc.query("select u, pg_typeof(u)::text from unnest(" + SqlArrays.UUIDS + ") with ordinality as x(u, n) "
                + "order by n", rs -> {
                    back.add(rs.getObject(1, UUID.class));
                    assertThat(rs.getString(2)).isEqualTo("uuid");
                }, SqlArrays.uuids(ids));
        assertThat(back).isEqualTo(ids);
    }

    @Test
    void uuidsArriveWholeOnAConnectionThatSendsThemAsText() throws Exception {
        DriverManagerDataSource plain = new DriverManagerDataSource(
                TestDatabases.freshDatabase("postline_sql_arrays").replace("binaryTransferEnable=UUID_ARRAY", ""),
                TestDatabases.server().user(), TestDatabases.server().password());
        try (Connection c = plain.getConnection()) {
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isFalse();
        }
        List<UUID> ids = new ArrayList<>(Arrays.asList(UUID.randomUUID(), null, UUID.randomUUID()));
        assertThat(new JdbcTemplate(plain).queryForList("select u from unnest(" + SqlArrays.UUIDS
                + ") with ordinality as x(u, n) order by n", UUID.class, SqlArrays.uuids(ids))).isEqualTo(ids);
        assertThat(new JdbcTemplate(plain).queryForObject("select cardinality(" + SqlArrays.UUIDS + ")",
                Integer.class, SqlArrays.uuids(List.of()))).isZero();
    }

    @Test
    void uuidsAreSentInBinaryByteForByteAsTheServerWritesThem() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.UUID_ARRAY)).isTrue();
        }
        for (List<UUID> ids : List.of(List.<UUID>of(), List.of(UUID.randomUUID()),
                Arrays.asList(UUID.randomUUID(), null, new UUID(0, 0), new UUID(-1, Long.MIN_VALUE)))) {
            UuidArray array = SqlArrays.uuids(ids);
            assertThat(array).isInstanceOf(PGBinaryObject.class);
            byte[] ours = new byte[array.lengthInBytes() + 3];
            array.toBytes(ours, 3);
            byte[] servers = jdbc.queryForObject("select array_send(?::uuid[])", byte[].class, array.getValue());
            assertThat(Arrays.copyOfRange(ours, 3, ours.length)).as("%s", ids).isEqualTo(servers);
        }
    }

    @Test
    void anEmptyCollectionIsAnEmptyArray() {
        Integer n = jdbc.queryForObject("select cardinality(" + SqlArrays.UUIDS + ")", Integer.class,
                SqlArrays.uuids(List.of()));
        assertThat(n).isZero();
    }

    @Test
    void textKeepsCharactersALiteralWouldHaveToEscape() {
        List<String> values = Arrays.asList("a,b", "{\"q\":\"x\\y\"}", null, "NULL", "");
        List<String> back = jdbc.queryForList("select t from unnest(?::text[]) with ordinality as x(t, n) order by n",
                String.class, SqlArrays.text(values));
        assertThat(back).isEqualTo(values);
    }

    @Test
    void unnestedArraysBecomeRowsWithoutFirstBeingCopiedIntoATupleStore() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            keys.add("KEY-" + i);
        }
        try (Connection c = dataSource.getConnection()) {
            JdbcTemplate one = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            // Far less than the rows need: a tuple store would go to a temporary file.
            one.execute("set work_mem = '64kB'");
            one.execute("create temporary table unnested_rows (k text, p bytea)");
            String plan = String.join("\n", one.queryForList("explain (analyze, buffers, costs off, timing off) "
                            + "insert into unnested_rows select " + SqlArrays.unnested("?::text[]", "?::bytea[]"),
                    String.class, SqlArrays.text(keys, k -> k),
                    SqlArrays.bytea(keys, k -> k.getBytes(StandardCharsets.UTF_8))));
            assertThat(plan).as(plan).contains("ProjectSet").doesNotContain("Function Scan").doesNotContain("temp");
            assertThat(one.queryForObject("select count(*) from unnested_rows where p = convert_to(k, 'UTF8')",
                    Integer.class)).as("each row's columns come from the same position").isEqualTo(keys.size());
        }
    }

    @Test
    void eachColumnOfItemsLinesUpInOneUnnest() {
        record Item(String name, UUID id, byte[] body, Long seq, Thread.State state) {
        }
        List<Item> items = List.of(new Item("one", UUID.randomUUID(), "1".getBytes(StandardCharsets.UTF_8), 1L,
                Thread.State.NEW), new Item("two", UUID.randomUUID(), null, null, Thread.State.BLOCKED));
        List<String> rows = jdbc.queryForList("select concat_ws('|', t, u, convert_from(b, 'UTF8'), s, e) "
                + "from unnest(?::text[], " + SqlArrays.UUIDS + ", ?::bytea[], ?::bigint[], ?::text[]) "
                + "with ordinality as x(t, u, b, s, e, n) order by n", String.class,
                SqlArrays.text(items, Item::name), SqlArrays.uuids(items, Item::id), SqlArrays.bytea(items, Item::body),
                SqlArrays.int8(items, Item::seq), SqlArrays.names(items.stream().map(Item::state).toList()));
        assertThat(rows).containsExactly("one|" + items.get(0).id() + "|1|1|NEW",
                "two|" + items.get(1).id() + "|BLOCKED");
    }

    @Test
    void textAndBytesAreSentInBinaryByteForByteAsTheServerWritesThem() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.TEXT_ARRAY)).isTrue();
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.BYTEA_ARRAY)).isTrue();
        }
        for (List<String> values : List.of(List.<String>of(), List.of("é€ ☃"), TRICKY_TEXT)) {
            assertSentAsServerWrites(SqlArrays.text(values), "text[]", values);
        }
        for (List<byte[]> values : List.<List<byte[]>>of(List.of(), List.of(new byte[0]), TRICKY_BYTES)) {
            assertSentAsServerWrites(SqlArrays.bytea(values, b -> b), "bytea[]", values);
        }
    }

    @Test
    void textAndBytesArriveWholeOnAConnectionThatSendsThemAsText() throws Exception {
        DriverManagerDataSource plain = new DriverManagerDataSource(
                TestDatabases.freshDatabase("postline_sql_arrays") + "&binaryTransferDisable=TEXT_ARRAY,BYTEA_ARRAY",
                TestDatabases.server().user(), TestDatabases.server().password());
        try (Connection c = plain.getConnection()) {
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.TEXT_ARRAY)).isFalse();
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.BYTEA_ARRAY)).isFalse();
        }
        JdbcTemplate text = new JdbcTemplate(plain);
        assertThat(text.queryForList("select t from unnest(?::text[]) with ordinality as x(t, n) order by n",
                String.class, SqlArrays.text(TRICKY_TEXT))).isEqualTo(TRICKY_TEXT);
        List<byte[]> back = text.queryForList("select b from unnest(?::bytea[]) with ordinality as x(b, n) order by n",
                byte[].class, SqlArrays.bytea(TRICKY_BYTES, b -> b));
        assertThat(back).usingElementComparator(Arrays::compare).isEqualTo(TRICKY_BYTES);
        assertThat(text.queryForObject("select cardinality(?::text[])", Integer.class, SqlArrays.text(List.of())))
                .isZero();
    }

    /** Our binary form is the server's own ({@code array_send}) of the same values sent as a literal. */
    private void assertSentAsServerWrites(PGBinaryObject array, String type, List<?> values) {
        byte[] ours = new byte[array.lengthInBytes() + 3];
        array.toBytes(ours, 3);
        byte[] servers = jdbc.queryForObject("select array_send(?::" + type + ")", byte[].class,
                ((PGobject) array).getValue());
        assertThat(Arrays.copyOfRange(ours, 3, ours.length)).as("%s %s", type, values).isEqualTo(servers);
    }

    @Test
    void everyKindReachesTheDriverInBinaryForm() throws Exception {
        List<Object> one = List.of("item");
        assertThat(SqlArrays.text(List.of("a"))).isInstanceOf(PGBinaryObject.class);
        assertThat(SqlArrays.text(one, Object::toString)).isInstanceOf(PGBinaryObject.class);
        assertThat(SqlArrays.names(List.of(TimeUnit.SECONDS))).isInstanceOf(PGBinaryObject.class);
        assertThat(SqlArrays.bytea(one, x -> new byte[] {1})).isInstanceOf(PGBinaryObject.class);
        assertThat(handedToDriver(SqlArrays.int8(List.of(1L)))).isInstanceOf(Long[].class);
        assertThat(handedToDriver(SqlArrays.int8(one, x -> 1L))).isInstanceOf(Long[].class);
        assertThat(handedToDriver(SqlArrays.int4(one, x -> 1))).isInstanceOf(Integer[].class);
    }

    /** The elements a value passes to the real connection's {@code createArrayOf}. */
    private Object handedToDriver(SqlArrayValue value) throws Exception {
        Object[] seen = new Object[1];
        try (Connection real = dataSource.getConnection();
                PreparedStatement ps = real.prepareStatement("select ?::text")) {
            Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("createArrayOf")) {
                            seen[0] = args[1];
                        }
                        return method.invoke(real, args);
                    });
            PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> method.getName()
                            .equals("getConnection") ? recording : method.invoke(ps, args));
            value.setValue(statement, 1);
        }
        return seen[0];
    }
}
