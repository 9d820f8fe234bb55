package io.postline.benchmarks;

import io.postline.stage.sql.SqlArrays;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a {@code uuid[]} parameter costs per id, on both sides of one connection: sent as {@code text[]} that the
 * statement casts (how the stores sent them until the seventeenth round) against {@link SqlArrays#uuids}'s binary
 * {@code uuid[]}. Two statements each: {@code select count(*) from unnest(…)} (the parameter alone) and an inbox-shaped
 * insert into a real, logged table. The two forms alternate round by round, so a machine that drifts drifts for
 * both; the first two rounds warm up and are not reported. Client CPU is this thread's, server CPU the backend's
 * ({@code /proc}). Run: {@code benchmarks/run.sh uuid-arrays [statements per round] [ids per statement]}.
 */
public final class UuidArrayBenchmark {
    static final String URL = "jdbc:postgresql://localhost:5432/test?binaryTransferEnable=UUID_ARRAY";
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 2;

    private UuidArrayBenchmark() {
    }

    /** CPU per id, averaged over the reported rounds. */
    public record Figures(double clientMicros, double serverMicros) {
    }

    /** The four figures, and the rows each insert round stored (the same in every round, or the run fails). */
    public record Result(Figures textSelect, Figures textInsert, Figures binarySelect, Figures binaryInsert,
                         long rowsStoredPerRound) {
    }

    enum Form {
        TEXT("?::text[]::uuid[]"), BINARY(SqlArrays.UUIDS);

        final String parameter;

        Form(String parameter) {
            this.parameter = parameter;
        }

        Object array(List<UUID> ids) {
            return this == TEXT ? SqlArrays.text(ids, UUID::toString) : SqlArrays.uuids(ids);
        }
    }

    public static void main(String[] args) throws Exception {
        run(URL, args.length > 0 ? Integer.parseInt(args[0]) : 200, args.length > 1 ? Integer.parseInt(args[1]) : 2_000,
                System.out);
    }

    public static Result run(String url, int statements, int idsPerStatement, PrintStream out) throws Exception {
        SingleConnectionDataSource db = new SingleConnectionDataSource(url, "postgres", "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            jdbc.execute("drop table if exists uuid_array_benchmark");
            jdbc.execute("create table uuid_array_benchmark (event_id uuid primary key, "
                    + "received_at timestamptz not null default now())");
            long backend = jdbc.queryForObject("select pg_backend_pid()", Long.class);
            double[][] sums = new double[4][2];
            long stored = -1;
            for (int round = 0; round < ROUNDS; round++) {
                for (Form form : Form.values()) {
                    for (boolean insert : new boolean[] {false, true}) {
                        Figures f = measure(jdbc, backend, form, insert, statements, idsPerStatement);
                        if (insert) {
                            long rows = jdbc.queryForObject("select count(*) from uuid_array_benchmark", Long.class);
                            if (stored >= 0 && rows != stored) {
                                throw new IllegalStateException("a round stored " + rows + " rows, another " + stored);
                            }
                            stored = rows;
                        }
                        if (round >= WARM_UP_ROUNDS) {
                            int k = form.ordinal() * 2 + (insert ? 1 : 0);
                            sums[k][0] += f.clientMicros();
                            sums[k][1] += f.serverMicros();
                        }
                    }
                }
            }
            jdbc.execute("drop table uuid_array_benchmark");
            int reported = ROUNDS - WARM_UP_ROUNDS;
            Figures[] f = new Figures[4];
            for (int k = 0; k < 4; k++) {
                f[k] = new Figures(sums[k][0] / reported, sums[k][1] / reported);
            }
            Result r = new Result(f[0], f[1], f[2], f[3], stored);
            out.printf("uuid[] parameters: %d statements of %d ids per form and round, %d rounds after %d warm-up, "
                    + "1 connection, %s%n", statements, idsPerStatement, reported, WARM_UP_ROUNDS, Runtime.version());
            out.printf("  per id (µs)                  client CPU   server CPU   together%n");
            line(out, "text[] cast, select", r.textSelect());
            line(out, "binary uuid[], select", r.binarySelect());
            line(out, "text[] cast, insert", r.textInsert());
            line(out, "binary uuid[], insert", r.binaryInsert());
            out.printf("  server CPU is counted in clock ticks (10 ms): use enough statements for a round to last seconds%n");
            return r;
        } finally {
            db.destroy();
        }
    }

    /** One round of one form and statement, on an emptied table: the CPU each side spent per id. */
    private static Figures measure(JdbcTemplate jdbc, long backend, Form form, boolean insert, int statements,
                                   int idsPerStatement) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        jdbc.execute("truncate uuid_array_benchmark");
        long client0 = threads.getCurrentThreadCpuTime();
        double server0 = ProcessCpu.cpuSeconds(backend);
        long next = 0; // the table starts empty, so the same ids serve every round
        for (int s = 0; s < statements; s++) {
            List<UUID> ids = new ArrayList<>(idsPerStatement);
            for (int i = 0; i < idsPerStatement; i++) {
                ids.add(new UUID(0, next++)); // ordered, as the pipeline's ids are
            }
            if (insert) {
                jdbc.update("insert into uuid_array_benchmark (event_id) select unnest(" + form.parameter + ")",
                        form.array(ids));
            } else {
                jdbc.queryForObject("select count(*) from unnest(" + form.parameter + ")", Long.class, form.array(ids));
            }
        }
        double n = (double) statements * idsPerStatement;
        return new Figures((threads.getCurrentThreadCpuTime() - client0) / 1_000.0 / n,
                (ProcessCpu.cpuSeconds(backend) - server0) * 1e6 / n);
    }

    private static void line(PrintStream out, String label, Figures f) {
        out.printf("  %-28s %9.3f    %9.3f    %9.3f%n", label, f.clientMicros(), f.serverMicros(),
                f.clientMicros() + f.serverMicros());
    }
}
