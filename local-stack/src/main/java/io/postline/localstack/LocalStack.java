package io.postline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole pipeline on one machine without Docker: a real Kafka broker and all seven services as
 * separate JVMs (or, when the settings ask, in one: {@link ServiceHostProcess}), against PostgreSQL. Used by
 * the README's run command, the system tests and the benchmarks.
 */
public final class LocalStack implements AutoCloseable {
    private final StackSettings settings;
    private final KafkaBroker broker;
    private final Map<PipelineService, ServiceProcess> services = new EnumMap<>(PipelineService.class);
    private DevTokens tokens;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.broker = new KafkaBroker(settings, kafkaClassPath(settings.root()));
    }

    /** The broker runs with this module's dependencies, copied to target/lib by the build. */
    static String kafkaClassPath(Path root) {
        Path target = root.resolve("local-stack").resolve("target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(target.resolve("lib") + " is missing: build first (./mvnw -DskipTests package)");
        }
        return target.resolve("lib") + java.io.File.separator + "*";
    }

    /** {@code "Bearer <jwt>"} signed with the stack's dev key, for these space-separated scopes. */
    public String bearer(String scopes) {
        return tokens.bearer(scopes);
    }

    public StackSettings settings() {
        return settings;
    }

    public void start() throws Exception {
        if (settings.fresh()) {
            deleteRecursively(settings.dataDir());
        }
        Files.createDirectories(settings.dataDir().resolve("logs"));
        tokens = DevTokens.in(settings.dataDir().resolve("dev-jwt"));
        Database.prepare(settings);
        broker.start();
        if (settings.servicesInOneJvm()) {
            ChildProcess host = ServiceHostProcess.create(settings);
            for (PipelineService s : PipelineService.values()) {
                services.put(s, new ServiceProcess(s, settings, host));
            }
            host.start();
        } else {
            for (PipelineService s : PipelineService.values()) {
                ServiceProcess p = new ServiceProcess(s, settings);
                services.put(s, p);
                p.start();
            }
        }
        for (ServiceProcess p : services.values()) {
            p.awaitReady(Duration.ofSeconds(240));
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ServiceProcess service(PipelineService s) {
        return services.get(s);
    }

    /** Kills a service with SIGKILL and starts a new process in its place. */
    public void crashAndRestart(PipelineService s) throws InterruptedException {
        requireOwnJvms("crash one service");
        services.get(s).kill();
        ServiceProcess replacement = new ServiceProcess(s, settings);
        services.put(s, replacement);
        replacement.start();
        replacement.awaitReady(Duration.ofSeconds(240));
    }

    /**
     * Kills the broker with SIGKILL, leaves it down for {@code downFor}, and starts it again on the same data
     * directory (its logs and committed offsets kept).
     */
    public void crashAndRestartBroker(Duration downFor) throws IOException, InterruptedException {
        broker.kill();
        Thread.sleep(downFor.toMillis());
        broker.start();
    }

    /**
     * Freezes a service with SIGSTOP for {@code duration}, then lets it go on with SIGCONT: a process that
     * hangs (a long GC pause, a stuck disk) without dying, so its consumers miss their session timeout.
     */
    public void freeze(PipelineService s, Duration duration) throws IOException, InterruptedException {
        requireOwnJvms("freeze one service");
        long pid = services.get(s).pid();
        signal("STOP", pid);
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            signal("CONT", pid);
        }
    }

    private void requireOwnJvms(String what) {
        if (settings.servicesInOneJvm()) {
            throw new IllegalStateException("cannot " + what + ": the services share one JVM on this stack");
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    public String ingestUrl() {
        return "http://localhost:" + PipelineService.AUTH_INGEST.httpPort(settings.portOffset());
    }

    public String url(PipelineService s) {
        return "http://localhost:" + s.httpPort(settings.portOffset());
    }

    /** Stops the services first (graceful: in-flight batches and outboxes drain), then the broker. */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess p : services.values()) {
            stopping.add(Thread.ofPlatform().start(p::stop));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        broker.stop();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
