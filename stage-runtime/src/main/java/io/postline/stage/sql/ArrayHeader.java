package io.postline.stage.sql;

import java.nio.ByteBuffer;

/**
 * The header of a one-dimensional array in PostgreSQL's binary format ({@code array_send}): dimensions, a
 * has-nulls flag and the element type, then, unless the array is empty, its length and lower bound (1).
 */
final class ArrayHeader {
    private ArrayHeader() {
    }

    /** Bytes of the header of an array of {@code elements} elements. */
    static int length(int elements) {
        return elements == 0 ? 12 : 20; // an empty array has no dimension
    }

    static void write(ByteBuffer out, int elements, boolean hasNulls, int elementOid) {
        out.putInt(elements == 0 ? 0 : 1).putInt(hasNulls ? 1 : 0).putInt(elementOid);
        if (elements > 0) {
            out.putInt(elements).putInt(1);
        }
    }
}
