package io.postline.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code local-stack/run.sh}: starts Kafka and every service, prints where things are, and stops
 * everything cleanly on Ctrl-C. {@code --fresh} starts from empty broker data and a new database;
 * {@code --one-jvm} runs the seven services in one JVM (the service host), for a small machine.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("postline.root", ".")).toAbsolutePath().normalize();
        StackSettings d = StackSettings.defaults(root);
        boolean fresh = java.util.Arrays.asList(args).contains("--fresh");
        boolean oneJvm = d.servicesInOneJvm() || java.util.Arrays.asList(args).contains("--one-jvm");
        StackSettings settings = new StackSettings(d.root(), d.dataDir(), d.kafkaPort(), d.controllerPort(),
                d.portOffset(), d.dbHost(), d.dbPort(), d.dbUser(), d.dbPassword(), d.dbName(), fresh)
                .withServicesInOneJvm(oneJvm);

        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the pipeline (services drain first, then the broker)...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }));
        System.out.println("Starting Kafka (KRaft) on " + settings.bootstrapServers() + " and 7 services"
                + (settings.servicesInOneJvm() ? " in one JVM" : "") + " against "
                + settings.jdbcUrl(settings.dbName()) + " ...");
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("Start-up failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println();
        System.out.println("Postline is running.");
        System.out.println("  Ingest endpoint:      POST " + stack.ingestUrl() + "/v1/authorizations");
        System.out.println("  Journal entries:      GET  " + stack.url(PipelineService.POSTING)
                + "/v1/journal-entries?authorizationId=...");
        System.out.println("  Reconciliation:       GET  " + stack.url(PipelineService.RECONCILIATION)
                + "/v1/reconciliation/summary");
        for (PipelineService s : PipelineService.values()) {
            System.out.printf("  %-24s http :%d  management :%d  log %s%n", s.module(), s.httpPort(0),
                    s.managementPort(0), stack.service(s).log());
        }
        System.out.println("  A dev-only token:     ./local-stack/token.sh  (all scopes; or pass the scopes you want)");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
