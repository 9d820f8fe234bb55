package io.postline.stage.sql;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A {@code uuid[]} parameter in PostgreSQL's binary array format: sixteen bytes an id, no text on either side.
 * The driver has no binary encoder of its own for UUID arrays; sent as text, every id was formatted here and
 * parsed back by the server (docs/benchmarks.md, seventeenth round). The driver sends it in binary when the
 * connection enables binary transfer of {@code uuid[]} ({@code binaryTransferEnable=UUID_ARRAY}, which
 * Postline's JDBC URL sets); on any other connection it sends the text form, {@link #getValue}, which the server
 * reads as the same array.
 */
public final class UuidArray extends BinaryArrayParameter {
    private static final int UUID_OID = 2950;
    private final UUID[] ids;
    private final int length;
    private final boolean hasNulls;

    UuidArray(UUID[] ids) {
        super("uuid[]");
        this.ids = ids;
        int bytes = ArrayHeader.length(ids.length);
        boolean nulls = false;
        for (UUID id : ids) {
            bytes += id == null ? 4 : 20;
            nulls |= id == null;
        }
        this.length = bytes;
        this.hasNulls = nulls;
    }

    @Override
    public int lengthInBytes() {
        return length;
    }

    @Override
    public void toBytes(byte[] bytes, int offset) {
        ByteBuffer out = ByteBuffer.wrap(bytes, offset, bytes.length - offset); // big-endian, as the server reads
        ArrayHeader.write(out, ids.length, hasNulls, UUID_OID);
        for (UUID id : ids) {
            if (id == null) {
                out.putInt(-1);
            } else {
                out.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            }
        }
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

    @Override
    public boolean equals(Object other) {
        return other instanceof UuidArray that && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }
}
