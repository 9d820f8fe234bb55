package io.postline.stage.sql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A {@code text[]} or {@code bytea[]} parameter in PostgreSQL's binary array format, each element's bytes
 * written once into a buffer of the exact size. The driver's own encoder for {@code String[]} and
 * {@code byte[][]} grows a {@code ByteArrayOutputStream} element by element and copies it out at the end: with
 * the outbox's columns of up to 2,000 rows that encoder was 3.1 % of the services' CPU, 1.8 % in the growth
 * alone (JFR, docs/benchmarks.md, thirty-fifth round). The driver sends this in binary when the connection sends
 * {@code text[]} and {@code bytea[]} so, as it does by default; otherwise it sends the array literal,
 * {@link #getValue}.
 */
public final class BytesArray extends BinaryArrayParameter {
    private static final int TEXT_OID = 25;
    private static final int BYTEA_OID = 17;
    private final int elementOid;
    private final byte[][] elements;
    private final int length;
    private final boolean hasNulls;

    private BytesArray(String type, int elementOid, byte[][] elements) {
        super(type);
        this.elementOid = elementOid;
        this.elements = elements;
        int bytes = ArrayHeader.length(elements.length);
        boolean nulls = false;
        for (byte[] element : elements) {
            bytes += 4 + (element == null ? 0 : element.length);
            nulls |= element == null;
        }
        this.length = bytes;
        this.hasNulls = nulls;
    }

    /** Text elements, sent as their UTF-8 bytes (the driver's connections always speak UTF-8). */
    static BytesArray text(String[] values) {
        byte[][] elements = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            elements[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return new BytesArray("text[]", TEXT_OID, elements);
    }

    /** Byte strings as they are; the array keeps them, not copies (they are not to change until sent). */
    static BytesArray bytea(byte[][] values) {
        return new BytesArray("bytea[]", BYTEA_OID, values);
    }

    @Override
    public int lengthInBytes() {
        return length;
    }

    @Override
    public void toBytes(byte[] bytes, int offset) {
        ByteBuffer out = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        ArrayHeader.write(out, elements.length, hasNulls, elementOid);
        for (byte[] element : elements) {
            if (element == null) {
                out.putInt(-1);
            } else {
                out.putInt(element.length).put(element);
            }
        }
    }

    /** The array literal, every element quoted, for a connection that sends this parameter as text. */
    @Override
    public String getValue() {
        StringBuilder literal = new StringBuilder(2 + length * 2).append('{');
        for (int i = 0; i < elements.length; i++) {
            literal.append(i == 0 ? "" : ",");
            if (elements[i] == null) {
                literal.append("NULL");
                continue;
            }
            // bytea in its hex form, whose backslash the literal escapes like any other
            String text = elementOid == BYTEA_OID ? "\\x" + HexFormat.of().formatHex(elements[i])
                    : new String(elements[i], StandardCharsets.UTF_8);
            literal.append('"');
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                literal.append(ch == '"' || ch == '\\' ? "\\" : "").append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BytesArray that && elementOid == that.elementOid
                && Arrays.deepEquals(elements, that.elements);
    }

    @Override
    public int hashCode() {
        return 31 * elementOid + Arrays.deepHashCode(elements);
    }
}
