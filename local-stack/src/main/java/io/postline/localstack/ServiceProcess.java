package io.postline.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One pipeline service: its own JVM, started from its executable jar, or its place in the service host. */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final PipelineService service;
    private final StackSettings settings;
    private final ChildProcess process;

    ServiceProcess(PipelineService service, StackSettings settings) {
        this.service = service;
        this.settings = settings;
        Path jar = executableJar(service, settings);
        // A stage holds a whole consumed batch (up to 2,000 events, decoded, plus its outputs) while a young
        // collection may run, and the serial collector copies all of it: with the default young generation (a
        // third of the heap, grown from a 64 MB start) the services spent a large share of their CPU in
        // collections (JFR, docs/benchmarks.md). A fixed heap with a larger young generation collects less often.
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms512m", "-Xmx512m",
                "-Xmn320m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                ChildProcess.collectorLog(settings.dataDir().resolve("logs"), service.module()), "-jar",
                jar.toString()));
        command.addAll(arguments(service, settings));
        this.process = new ChildProcess(service.module(), command,
                settings.dataDir().resolve("logs").resolve(service.module() + ".log"));
    }

    /** A service that runs inside the stack's service host: that process is its process. */
    ServiceProcess(PipelineService service, StackSettings settings, ChildProcess host) {
        this.service = service;
        this.settings = settings;
        this.process = host;
    }

    static Path executableJar(PipelineService service, StackSettings settings) {
        Path jar = settings.root().resolve(service.module()).resolve("target").resolve(service.module() + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        return jar;
    }

    /** The service's arguments on this stack (ports, broker, database, directories), however it is run. */
    static List<String> arguments(PipelineService service, StackSettings settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + service.httpPort(settings.portOffset()),
                "--management.server.port=" + service.managementPort(settings.portOffset()),
                "--spring.kafka.bootstrap-servers=" + settings.bootstrapServers(),
                "--postline.database.host=" + settings.dbHost(),
                "--postline.database.port=" + settings.dbPort(),
                "--postline.database.name=" + settings.dbName(),
                "--spring.datasource.username=" + settings.dbUser()));
        if (!settings.dbPassword().isEmpty()) {
            arguments.add("--spring.datasource.password=" + settings.dbPassword());
        }
        arguments.add("--postline.posting.bank-input.directory=" + settings.dataDir().resolve("posting-files"));
        arguments.add("--postline.ingest.jobs.directory=" + settings.dataDir().resolve("ingest-jobs"));
        arguments.add("--spring.security.oauth2.resourceserver.jwt.public-key-location="
                + settings.dataDir().resolve("dev-jwt").resolve("public.pem").toUri());
        arguments.addAll(settings.serviceArguments());
        return arguments;
    }

    public PipelineService service() {
        return service;
    }

    /** Starts its JVM; a hosted service starts with its host. */
    public void start() {
        process.start();
    }

    /** Waits for the readiness probe on the management port. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI readiness = URI.create("http://localhost:" + service.managementPort(settings.portOffset())
                + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited during start-up; see " + process.log());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.module() + " did not become ready; see " + process.log());
    }

    public void stop() {
        process.stop(Duration.ofSeconds(40));
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return process.log();
    }

    /** The operating-system process id (benchmarks read its CPU time and memory). */
    public long pid() {
        return process.pid();
    }
}
