package io.postline.stage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlProvider;

/**
 * A statement that PostgreSQL plans for the values of each call, never from a plan it cached for the statement.
 * <p>
 * pgjdbc prepares a statement on the server from its fifth run on a connection, and a few runs later PostgreSQL
 * may keep one plan for any values (a generic plan), costed on the table's size at that moment. A look-up by a
 * batch's keys whose plan was made while its table was nearly empty reads the whole table on every run after,
 * however large it grows, until an {@code ANALYZE} of the table throws the plan away; with autovacuum off, never.
 * Reconciliation's item lock did so in a million-authorization run: about 4 s a batch, every key compared with
 * every row (docs/benchmarks.md, thirty-ninth round). Planned per call, a statement costs its planning each time
 * and always gets the plan for its own values: on that run's table, 0.5 ms to plan the lock of 2,000 keys against
 * 8 ms to run it, 0.13-0.17 ms for 500.
 * <p>
 * Run a statement's text only this way: the driver keeps what it prepared on the server by text, per connection,
 * and runs a text it has prepared as prepared whatever this asks.
 */
public final class PlannedPerCall implements PreparedStatementCreator, SqlProvider {
    private final String sql;
    private final Object[] arguments;

    private PlannedPerCall(String sql, Object[] arguments) {
        this.sql = sql;
        this.arguments = arguments.clone();
    }

    /** {@code sql} with its {@code ?} bound to {@code arguments} in order, as {@code JdbcTemplate} binds them. */
    public static PlannedPerCall of(String sql, Object... arguments) {
        return new PlannedPerCall(sql, arguments);
    }

    @Override
    public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            // 0: every run goes as the unnamed statement, which the server plans when its values are bound.
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            new ArgumentPreparedStatementSetter(arguments).setValues(statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public String getSql() {
        return sql;
    }
}
