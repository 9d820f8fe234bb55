package io.postline.stage.sql;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A {@code uuid[]} parameter in PostgreSQL's binary array format: sixteen bytes an id, no text on either side.
 * The driver has no binary encoder of its own for UUID arrays; sent as text, every id was formatted here and
 * parsed back by the server (docs/benchmarks.md, seventeenth round). The driver sends it in binary when the
 * connection enables binary transfer of {@code uuid[]} ({@code binaryTransferEnable=UUID_ARRAY}, which
 * Postline's JDBC URL sets); on any other connection it sends the text form, {@link #getValue}, which the server
 * reads as the same array.
 */
public final class UuidArray extends PGobject implements PGBinaryObject {
    private static final int UUID_OID = 2950;
    private static final int HEADER = 20; // dimensions, has-nulls flag, element type, length, lower bound
    private final UUID[] ids;

    UuidArray(UUID[] ids) {
        this.ids = ids;
        this.type = "uuid[]";
    }

    @Override
    public int lengthInBytes() {
        int length = ids.length == 0 ? 12 : HEADER; // an empty array has no dimension
        for (UUID id : ids) {
            length += id == null ? 4 : 20;
        }
        return length;
    }

    @Override
    public void toBytes(byte[] bytes, int offset) {
        ByteBuffer out = ByteBuffer.wrap(bytes, offset, bytes.length - offset); // big-endian, as the server reads
        boolean nulls = false;
        for (UUID id : ids) {
            nulls |= id == null;
        }
        out.putInt(ids.length == 0 ? 0 : 1).putInt(nulls ? 1 : 0).putInt(UUID_OID);
        if (ids.length > 0) {
            out.putInt(ids.length).putInt(1);
        }
        for (UUID id : ids) {
            if (id == null) {
                out.putInt(-1);
            } else {
                out.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            }
        }
    }

    /** Never SQL NULL (the driver's default asks for the whole text form to find out). */
    @Override
    public boolean isNull() {
        return false;
    }

    /** The array literal, for a connection that sends this parameter as text. */
    @Override
    public String getValue() {
        StringBuilder literal = new StringBuilder(2 + ids.length * 37).append('{');
        for (int i = 0; i < ids.length; i++) {
            literal.append(i == 0 ? "" : ",").append(ids[i] == null ? "NULL" : ids[i].toString());
        }
        return literal.append('}').toString();
    }

    /** A parameter only: the driver never reads one back into this class. */
    @Override
    public void setByteValue(byte[] value, int offset) throws SQLException {
        throw new SQLException("UuidArray is a parameter, not a result type");
    }

    @Override
    public void setValue(String value) throws SQLException {
        throw new SQLException("UuidArray is a parameter, not a result type");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UuidArray that && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return getValue();
    }
}
