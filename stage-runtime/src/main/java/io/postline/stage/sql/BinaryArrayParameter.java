package io.postline.stage.sql;

import java.sql.SQLException;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * An array parameter that writes PostgreSQL's binary form itself ({@link #toBytes}), which the driver sends
 * when the connection sends that array type in binary, and its literal ({@link #getValue}) otherwise. A
 * parameter only: the driver never reads a result back into one.
 */
abstract sealed class BinaryArrayParameter extends PGobject implements PGBinaryObject
        permits UuidArray, BytesArray {

    BinaryArrayParameter(String type) {
        this.type = type;
    }

    /** Never SQL NULL (the driver's default asks for the whole text form to find out). */
    @Override
    public final boolean isNull() {
        return false;
    }

    @Override
    public final void setByteValue(byte[] value, int offset) throws SQLException {
        throw new SQLException(getClass().getSimpleName() + " is a parameter, not a result type");
    }

    @Override
    public final void setValue(String value) throws SQLException {
        throw new SQLException(getClass().getSimpleName() + " is a parameter, not a result type");
    }

    @Override
    public final String toString() {
        return getValue();
    }
}
