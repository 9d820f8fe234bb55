package io.postline.stage.sql;

import java.util.Collection;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Array parameters for the stores' set-based statements ({@code unnest(?...)}, {@code = any(?)}), built so the
 * PostgreSQL driver sends them in binary.
 * <p>
 * The driver encodes an array in binary only when the Java array's class names the element type
 * ({@code String[]}, {@code Long[]}, {@code Integer[]}, {@code byte[][]}). Anything else, an {@code Object[]}
 * from {@code toArray()} or a {@code UUID[]}, goes as an array literal that it escapes character by character
 * and the server parses back (JFR: 4 % of the stages' CPU for text, 3 % for UUIDs in the batch-file benchmark).
 * UUIDs have no binary encoder in the driver at all, so they go as a {@link UuidArray}, which writes the binary
 * form itself; statements write their parameter as {@link #UUIDS}. Text and byte strings go as a
 * {@link BytesArray}, written once at its exact size instead of through the driver's growing buffer. Every
 * store builds its arrays here, so no call site can fall back to the slow path by the way it happened to collect
 * its values. Null elements stay null.
 */
public final class SqlArrays {
    /** How a statement takes a {@link #uuids} parameter: {@code ?::uuid[]}. */
    public static final String UUIDS = "?::uuid[]";

    private SqlArrays() {
    }

    /**
     * The select list that turns equally long array parameters into rows, one column each:
     * {@code unnest(?::text[]), unnest(?::uuid[]), ...}, for {@code insert ... select}. In the select list the
     * arrays are stepped through together, a row at a time. Written as {@code from unnest(a, b, ...)} instead,
     * PostgreSQL first copies every row into a tuple store, which goes to a temporary file past {@code work_mem}
     * (4 MB by default): a stage's batch of outputs did (docs/benchmarks.md, thirty-second round).
     */
    public static String unnested(String... arrayParameters) {
        StringBuilder columns = new StringBuilder();
        for (String parameter : arrayParameters) {
            columns.append(columns.isEmpty() ? "" : ", ").append("unnest(").append(parameter).append(')');
        }
        return columns.toString();
    }

    public static BytesArray text(Collection<String> values) {
        return BytesArray.text(values.toArray(String[]::new));
    }

    /** One text column of {@code items}. */
    public static <T> BytesArray text(Collection<T> items, Function<? super T, String> column) {
        return BytesArray.text(column(items, column, String[]::new));
    }

    /** Enum constants by name, for {@code text} columns that hold them. */
    public static BytesArray names(Collection<? extends Enum<?>> constants) {
        return text(constants, Enum::name);
    }

    public static UuidArray uuids(Collection<UUID> ids) {
        return uuids(ids, Function.identity());
    }

    /** One UUID column of {@code items}; the statement writes the parameter as {@link #UUIDS}. */
    public static <T> UuidArray uuids(Collection<T> items, Function<? super T, UUID> column) {
        return new UuidArray(column(items, column, UUID[]::new));
    }

    /** One bytea column of {@code items}. */
    public static <T> BytesArray bytea(Collection<T> items, Function<? super T, byte[]> column) {
        return BytesArray.bytea(column(items, column, byte[][]::new));
    }

    public static SqlArrayValue int8(Collection<Long> values) {
        return typed("int8", values.toArray(Long[]::new));
    }

    /** One bigint column of {@code items}. */
    public static <T> SqlArrayValue int8(Collection<T> items, Function<? super T, Long> column) {
        return typed("int8", column(items, column, Long[]::new));
    }

    /** One integer column of {@code items}. */
    public static <T> SqlArrayValue int4(Collection<T> items, Function<? super T, Integer> column) {
        return typed("int4", column(items, column, Integer[]::new));
    }

    /** {@code values} must be an array of the element type's own class: that is what the driver encodes. */
    private static SqlArrayValue typed(String type, Object[] values) {
        return new SqlArrayValue(type, values);
    }

    /** One column of {@code items} as an array of the element type's own class. */
    private static <T, V> V[] column(Collection<T> items, Function<? super T, ? extends V> column,
                                     IntFunction<V[]> array) {
        V[] values = array.apply(items.size());
        Iterator<T> it = items.iterator();
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(it.next());
        }
        return values;
    }
}
