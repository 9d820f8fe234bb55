package io.postline.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the services' PostgreSQL backends were doing through a phase, from {@code pg_stat_activity} sampled every
 * 100 ms on a connection of its own, tallied per second of wall clock. Whether a slow second had its backends
 * waiting for their commits' WAL to reach the disk, or idle inside their transactions while their services (on
 * the same two cores) got to the next statement, says which side of the connection to look at. The sampler's
 * backend closes with the phase, so it is missing from the per-connection CPU; {@link #samplerCpuSeconds()} gives
 * what it cost.
 */
final class BackendWaits implements AutoCloseable {
    static final String APPLICATION_NAME = "benchmark-waits";
    static final long INTERVAL_MILLIS = 100;

    /** What a backend that is not idle is doing, in the words the report uses. */
    enum Activity {
        CPU("on the CPU"),
        WAL("waiting for the WAL to reach the disk"),
        SERVICE("in a transaction, waiting for their service"),
        TABLE_FILES("reading or writing table files"),
        LOCK("waiting for a lock"),
        OTHER("other waits");

        final String words;

        Activity(String words) {
            this.words = words;
        }
    }

    /** A connection to the database whose backends are sampled. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Clock clock;
    /** Epoch second → samples taken in it, then one count per {@link Activity}. */
    private final TreeMap<Long, long[]> bySecond = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile int samplerPid;
    private volatile Double samplerCpuSeconds;

    /** Not yet sampling: {@link #start(Connector)} starts it; tests {@link #record} by hand. */
    BackendWaits(Connector connector, Clock clock) {
        this.clock = clock;
        this.sampler = Thread.ofPlatform().daemon().name("backend-waits").unstarted(() -> sample(connector));
    }

    /** Starts sampling the backends of the connector's database (all but its own) until {@link #close()}. */
    static BackendWaits start(Connector connector) {
        BackendWaits waits = new BackendWaits(connector, Clock.systemUTC());
        waits.sampler.start();
        return waits;
    }

    /** An idle backend is not counted; one in a transaction waits on its client whatever its wait event says. */
    static Activity classify(String state, String waitEventType, String waitEvent) {
        if (state == null || state.equals("idle") || state.equals("disabled")) {
            return null;
        }
        if (state.startsWith("idle in transaction")) {
            return Activity.SERVICE;
        }
        if (waitEventType == null) {
            return Activity.CPU;
        }
        return switch (waitEventType) {
            case "IO" -> waitEvent != null && waitEvent.startsWith("WAL") ? Activity.WAL
                    : waitEvent != null && waitEvent.startsWith("Data") ? Activity.TABLE_FILES : Activity.OTHER;
            // Queued behind another backend's flush of the WAL, which took its commit along (group commit).
            case "LWLock" -> "WALWrite".equals(waitEvent) ? Activity.WAL : Activity.OTHER;
            case "Lock" -> Activity.LOCK;
            // Between the messages of one statement: the service has not sent the rest yet.
            case "Client" -> Activity.SERVICE;
            default -> Activity.OTHER;
        };
    }

    private void sample(Connector connector) {
        try (Connection db = connector.open()) {
            db.setClientInfo("ApplicationName", APPLICATION_NAME);
            try (var st = db.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                samplerPid = rs.getInt(1);
            }
            try (PreparedStatement activity = db.prepareStatement("select state, wait_event_type, wait_event from "
                    + "pg_stat_activity where datname = current_database() and backend_type = 'client backend' "
                    + "and pid <> pg_backend_pid()")) {
                long next = clock.millis();
                while (running) {
                    List<Activity> seen = new ArrayList<>();
                    try (ResultSet rs = activity.executeQuery()) {
                        while (rs.next()) {
                            Activity a = classify(rs.getString(1), rs.getString(2), rs.getString(3));
                            if (a != null) {
                                seen.add(a);
                            }
                        }
                    }
                    record(clock.millis() / 1000, seen);
                    next += INTERVAL_MILLIS;
                    long sleep = next - clock.millis();
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    } else {
                        next = clock.millis(); // fell behind (a busy machine): no burst to catch up
                    }
                }
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** One sample taken in {@code epochSecond}: what each backend that was not idle was doing. */
    synchronized void record(long epochSecond, List<Activity> seen) {
        long[] counts = bySecond.computeIfAbsent(epochSecond, s -> new long[Activity.values().length + 1]);
        counts[0]++;
        for (Activity a : seen) {
            counts[a.ordinal() + 1]++;
        }
    }

    /** Stops sampling (after the sample in progress). */
    @Override
    public void close() throws InterruptedException {
        samplerCpuSeconds = samplerPid == 0 ? null : backendCpuSeconds(samplerPid);
        running = false;
        sampler.join(10_000);
    }

    private static Double backendCpuSeconds(int pid) {
        try {
            return ProcessCpu.cpuSeconds(pid);
        } catch (java.io.IOException | RuntimeException elsewhere) {
            return null; // a database on another host
        }
    }

    /** The CPU the sampler's own backend used, read as it stopped; null where /proc does not show it. */
    Double samplerCpuSeconds() {
        return samplerCpuSeconds;
    }

    /** Why sampling stopped early, or null. */
    String failure() {
        return failure;
    }

    /** How many backends were in each activity at once, on average over the samples in a span of seconds. */
    record Mix(long samples, double[] mean) {
        String describe() {
            if (samples == 0) {
                return "no samples";
            }
            StringBuilder line = new StringBuilder();
            for (Activity a : Activity.values()) {
                line.append(line.isEmpty() ? "" : ", ").append(String.format("%s %.2f", a.words, mean[a.ordinal()]));
            }
            return line.append(String.format(" (%,d samples)", samples)).toString();
        }

        double of(Activity a) {
            return mean[a.ordinal()];
        }
    }

    /** The mix over the epoch seconds {@code from..to}, inclusive. */
    synchronized Mix between(long from, long to) {
        long samples = 0;
        long[] sums = new long[Activity.values().length];
        for (Map.Entry<Long, long[]> second : bySecond.subMap(from, true, to, true).entrySet()) {
            long[] counts = second.getValue();
            samples += counts[0];
            for (int i = 0; i < sums.length; i++) {
                sums[i] += counts[i + 1];
            }
        }
        double[] mean = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            mean[i] = samples == 0 ? 0 : sums[i] / (double) samples;
        }
        return new Mix(samples, mean);
    }

    /** The mix over every sample taken. */
    synchronized Mix overall() {
        return bySecond.isEmpty() ? new Mix(0, new double[Activity.values().length])
                : between(bySecond.firstKey(), bySecond.lastKey());
    }
}
