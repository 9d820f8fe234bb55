package io.postline.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one JVM), run from the Kafka jars
 * on this module's class path, with its data under the stack's data directory.
 */
public final class KafkaBroker {
    private final StackSettings settings;
    private final String classPath;
    private final Path dir;
    private ChildProcess process;

    KafkaBroker(StackSettings settings, String classPath) {
        this.settings = settings;
        this.classPath = classPath;
        this.dir = settings.dataDir().resolve("kafka");
    }

    /** The broker's process id. */
    public long pid() {
        return process.pid();
    }

    void start() throws IOException, InterruptedException {
        Path config = writeConfig();
        Path logs = dir.resolve("kafka-logs");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(List.of(ChildProcess.javaExecutable(), "-cp", classPath,
                    "kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId(), "-c", config.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            settings.dataDir().resolve("logs/kafka-format.log").toFile())).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed; see "
                        + settings.dataDir().resolve("logs/kafka-format.log"));
            }
        }
        process = new ChildProcess("kafka", List.of(ChildProcess.javaExecutable(), "-Xms256m", "-Xmx768m",
                "-XX:+UseSerialGC", ChildProcess.collectorLog(settings.dataDir().resolve("logs"), "kafka"),
                "-Dlogback.configurationFile=" + writeLogging(), "-cp", classPath, "kafka.Kafka", config.toString()),
                settings.dataDir().resolve("logs/kafka.log"));
        process.start();
        awaitReady(Duration.ofSeconds(120));
    }

    /**
     * The broker's own logging: without it logback's default is DEBUG for everything, and the broker spent
     * CPU writing debug lines about requests and partitions (70 MB of them over a few local benchmark runs).
     */
    private Path writeLogging() throws IOException {
        Path file = dir.resolve("logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.request.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return file;
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(settings.dataDir().resolve("logs"));
        int port = settings.kafkaPort();
        int controller = settings.controllerPort();
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controller,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("kafka-logs"),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    /** One cluster id per data directory, kept so a restart finds its own storage. */
    private String clusterId() throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id;
        do { // an id starting with '-' would be read as an option by the storage tool (as Kafka's own ids avoid)
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits());
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
        } while (id.startsWith("-"));
        Files.writeString(file, id);
        return id;
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + process.log());
            }
            if (portOpen()) {
                try (Admin admin = Admin.create(p)) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // retry until the deadline
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Kafka broker did not become ready; see " + process.log());
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", settings.kafkaPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }
}
