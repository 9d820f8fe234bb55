package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline as separate processes on a real broker and PostgreSQL: 1,000 authorizations (50 of
 * them business duplicates) through REST, with posting and then dedup killed (SIGKILL) and restarted
 * mid-stream. Nothing may be lost or posted twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineSystemIT {
    private static final int UNIQUE = 950;
    private static final int DUPLICATES = 50;
    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startPipeline() throws Exception {
        stack = TestStacks.start("stack", 19092, 10000, "postline_system_test");
        probe = new StackProbe(stack);
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyUniqueAuthorizationIsPostedExactlyOnceThroughServiceCrashes() throws Exception {
        List<AuthorizationMix.Request> requests = AuthorizationMix.of(UNIQUE, DUPLICATES, 20261121);

        probe.post(requests.subList(0, 500));
        stack.crashAndRestart(PipelineService.POSTING);
        probe.post(requests.subList(500, 750));
        stack.crashAndRestart(PipelineService.DEDUP);
        probe.post(requests.subList(750, requests.size()));

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> s = probe.summary();
            assertThat(s.get("matched") + s.get("parkedDuplicates")).isEqualTo(UNIQUE + DUPLICATES);
        });

        Map<String, Long> summary = probe.summary();
        assertThat(summary).containsEntry("authorizations", (long) (UNIQUE + DUPLICATES))
                .containsEntry("matched", (long) UNIQUE).containsEntry("parkedDuplicates", (long) DUPLICATES)
                .containsEntry("awaitingPosting", 0L).containsEntry("held", 0L).containsEntry("openBreaks", 0L);

        try (Connection db = probe.database()) {
            Set<String> posted = StackProbe.strings(db, "select authorization_id from posting.journal_entry");
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).as("journal entries").isEqualTo(UNIQUE);
            assertThat(posted).as("distinct authorizations posted").hasSize(UNIQUE);
            Set<String> parked = StackProbe.strings(db, "select authorization_id from dedup.parked_duplicate");
            assertThat(parked).hasSize(DUPLICATES);
            Set<String> all = new HashSet<>(posted);
            all.addAll(parked);
            assertThat(all).as("every authorization is posted or parked, none both")
                    .hasSize(UNIQUE + DUPLICATES)
                    .containsExactlyInAnyOrderElementsOf(requests.stream().map(AuthorizationMix.Request::authorizationId).toList());
            for (AuthorizationMix.Request r : requests.subList(UNIQUE, requests.size())) {
                assertThat(posted.contains(r.authorizationId()) ^ posted.contains(r.duplicateOf()))
                        .as("exactly one of %s and its duplicate %s is posted", r.duplicateOf(), r.authorizationId()).isTrue();
            }
            StackProbe.assertLedgerConsistent(db);
        }
        assertThat(probe.deadLetterRecords()).as("records in dead-letter topics").isZero();
    }

    /**
     * PCI: the standard test PANs sent through every endpoint (in card, merchant, unknown and header fields,
     * as path and query values, in batches and files, and in a reference-data import) end up nowhere: not in a
     * response, a topic, a table or a log. Runs after the crash test, so it scans everything that run left too.
     */
    @Test
    @Order(2)
    void noCardNumberSentToAnyEndpointIsStoredPublishedLoggedOrEchoed() throws Exception {
        CardDataScan scan = new CardDataScan(stack);
        String ingest = stack.bearer("authorizations:write operations:read");
        String operator = stack.bearer("operations:read operations:write");
        List<String> pans = List.of("4111111111111111", "5555555555554444", "378282246310005");
        String valid = AuthorizationMix.of(1, 0, 1).getFirst().json().replace("SYS-00000", "PAN-PROBE");
        int n = 0;
        for (String pan : pans) {
            n++;
            String spaced = pan.replaceAll("(\\d{4})(?=\\d)", "$1 ");
            List<Call> calls = List.of(
                    post(PipelineService.AUTH_INGEST, "/v1/authorizations", ingest, "application/json",
                            valid.replaceFirst("\"cardToken\":\"[^\"]+\"", "\"cardToken\":\"" + pan + "\""), Map.of()),
                    post(PipelineService.AUTH_INGEST, "/v1/authorizations", ingest, "application/json",
                            valid.replace("\"merchantId\":", "\"name2\":\"" + spaced + "\",\"merchantId\":"), Map.of()),
                    post(PipelineService.AUTH_INGEST, "/v1/authorizations", ingest, "application/json",
                            valid.replace("{\"authorizationId\"", "{\"pan\":\"" + pan + "\",\"authorizationId\""), Map.of()),
                    post(PipelineService.AUTH_INGEST, "/v1/authorizations", ingest, "application/json", valid,
                            Map.of("Idempotency-Key", pan)),
                    post(PipelineService.AUTH_INGEST, "/v1/authorizations:batch", ingest, "application/json",
                            "{\"authorizations\":[" + valid.replace("PAN-PROBE", pan) + "]}", Map.of()),
                    post(PipelineService.AUTH_INGEST, "/v1/ingest-jobs?sourceId=acquirer-batch", ingest, "text/csv",
                            "authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,merchantCity,"
                                    + "merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime\n"
                                    + "PAN-FILE-" + n + "," + pan + ",40001234,M-1,Shop,5411,London,GB,100,GBP,000001,"
                                    + "800000000001,A1B2C3,2026-11-21T10:00:00Z\n"
                                    + "PAN-FILE-" + n + "b,CTK000001,40001234,M-1,Shop " + pan + ",5411,London,GB,100,"
                                    + "GBP,000002,800000000002,A1B2C3,2026-11-21T10:00:00Z\n", Map.of()),
                    post(PipelineService.AUTH_INGEST, "/v1/ingest-jobs?sourceId=" + pan, ingest, "text/csv", "x\n",
                            Map.of()),
                    get(PipelineService.AUTH_INGEST, "/v1/ingest-jobs/" + pan, ingest),
                    post(PipelineService.AUTH_INGEST, "/v1/sources/" + pan + "/release", operator, "application/json",
                            "", Map.of("X-Changed-By", "scan")),
                    get(PipelineService.DEDUP, "/v1/duplicates/" + pan, operator),
                    get(PipelineService.DEDUP, "/v1/duplicates?authorizationId=" + pan, operator),
                    post(PipelineService.ENRICHMENT, "/v1/reference-data/accounts", operator, "text/csv",
                            "account_number,iban,sort_code,currency,status,holder_id,holder_name,holder_type,segment,"
                                    + "product_code,card_token,issuing_country\n41009999,GB82WEST12345698765432,20-00-00,"
                                    + "GBP,OPEN,H9999,Jane,PERSONAL,RETAIL,PCA," + pan + ",GB\n", Map.of()),
                    get(PipelineService.RULES, "/v1/rule-sets/" + pan, operator),
                    get(PipelineService.POSTING, "/v1/journal-entries?authorizationId=" + pan, operator),
                    get(PipelineService.POSTING, "/v1/posting-files/" + pan, operator),
                    post(PipelineService.POSTING, "/v1/posting-files", operator, "application/json",
                            "{\"sourceId\":\"" + pan + "\"}", Map.of()),
                    get(PipelineService.RECONCILIATION, "/v1/reconciliation/items/" + pan, operator),
                    get(PipelineService.RECONCILIATION, "/v1/reconciliation/breaks?class=" + pan, operator),
                    get(PipelineService.RECONCILIATION, "/v1/reconciliation/reports/" + pan, operator),
                    post(PipelineService.RECONCILIATION, "/v1/reconciliation/items/" + pan + "/redrive", operator,
                            "application/json", "", Map.of("X-Changed-By", "scan", "X-Change-Reason", pan)),
                    post(PipelineService.RECONCILIATION, "/v1/reconciliation/redrive?from=2026-11-21T00:00:00Z&to="
                            + "2026-11-22T00:00:00Z&status=" + pan, operator, "application/json", "",
                            Map.of("X-Changed-By", "scan", "X-Change-Reason", pan)),
                    get(PipelineService.POSTING, "/v1/dead-letters?authorizationId=" + pan, operator),
                    get(PipelineService.DEDUP, "/v1/dead-letters?reason=" + pan, operator),
                    post(PipelineService.ENRICHMENT, "/v1/dead-letters/replay?authorizationId=" + pan, operator,
                            "application/json", "", Map.of("X-Changed-By", "scan", "X-Change-Reason", pan)));
            for (Call c : calls) {
                assertThat(c.status()).as(c.what()).isLessThan(500);
                scan.text("response of " + c.what(), c.body());
                c.headers().forEach(h -> scan.text("response header of " + c.what(), h));
            }
        }
        // The file jobs finish (their PAN lines rejected), and nothing else is still on its way.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(StackProbe.count(probe.database(),
                "select count(*) from ingest.ingest_job where status not in ('COMPLETED', 'FAILED')")).isZero());

        scan.topics();
        try (Connection db = probe.database()) {
            scan.tables(db);
        }
        scan.logs(stack.settings().dataDir().resolve("logs"));

        System.out.printf("[PAN scan] %d values scanned (responses, topics, tables, logs); hits: %s%n",
                scan.scanned(), scan.hits());
        assertThat(scan.scanned()).isGreaterThan(10_000);
        assertThat(scan.hits()).as("places holding a card number").isEmpty();
    }

    /** The operator CLI of docs/operations.md against the running stack: lists, re-drives, refuses unaudited. */
    @Test
    @Order(3)
    void theOperatorCliListsDeadLettersAndReDrivesWithWhoAndWhy() throws Exception {
        String id = AuthorizationMix.of(UNIQUE, DUPLICATES, 20261121).getFirst().authorizationId();
        CliRun list = cli("dead-letters", "posting");
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output().strip()).startsWith("[").endsWith("]");

        CliRun unaudited = cli("redrive", id);
        assertThat(unaudited.exit()).isEqualTo(2);
        assertThat(unaudited.output()).contains("--by and --why are required");

        CliRun one = cli("redrive", id, "--by", "cli-test", "--why", "system test");
        assertThat(one.exit()).as(one.output()).isZero();
        assertThat(one.output()).contains("\"authorizationId\":\"" + id + "\"").contains("cli-test");

        long journalsBefore;
        try (Connection db = probe.database()) {
            journalsBefore = StackProbe.count(db, "select count(*) from posting.journal_entry");
        }
        // Re-drive every posted authorization of the last day: a whole time range again, and nothing changes.
        java.time.Instant now = java.time.Instant.now();
        double legsBefore = postingLegsAfterPosting();
        CliRun range = cli("redrive-range", now.minus(Duration.ofDays(1)).toString(), now.plusSeconds(60).toString(),
                "status=MATCHED", "--by", "cli-test", "--why", "system test");
        assertThat(range.exit()).as(range.output()).isZero();
        long redriven = Long.parseLong(range.output().replaceAll("(?s).*\"redriven\":(\\d+).*", "$1"));
        assertThat(redriven).isGreaterThanOrEqualTo(UNIQUE);

        // Each re-driven authorization reaches posting again, as legs of a sequence it has already posted.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                postingLegsAfterPosting() - legsBefore >= redriven);
        try (Connection db = probe.database()) {
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).isEqualTo(journalsBefore);
            assertThat(StackProbe.count(db, "select count(*) from reconciliation.recon_patch where actor = 'cli-test'"))
                    .isEqualTo(redriven + 1);
            StackProbe.assertLedgerConsistent(db);
        }
        assertThat(probe.summary()).containsEntry("openBreaks", 0L);
    }

    /**
     * Issue 8: every metric that a dashboard panel or an alert rule reads is exported, with samples, by the
     * running services after a real run (crashes, duplicates, re-drives). {@code up} is Prometheus's own.
     */
    @Test
    @Order(4)
    void everyMetricNamedByADashboardOrAnAlertIsExportedWithData() throws Exception {
        Set<String> exported = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (PipelineService service : PipelineService.values()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + service.managementPort(stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            body.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0])
                    .forEach(exported::add);
        }
        var queries = io.postline.deployment.ObservabilityQueries.all(stack.settings().root());
        List<String> missing = new ArrayList<>();
        for (var q : queries) {
            for (String metric : q.metricNames()) {
                if (!metric.equals("up") && !exported.contains(metric)) {
                    missing.add(metric + " (" + q.origin() + ")");
                }
            }
        }
        assertThat(queries).hasSizeGreaterThan(30);
        assertThat(missing).as("metrics named by dashboards or alerts but not exported").isEmpty();
    }

    /** Issue 8: one trace per authorization, from ingest's event to posting's, across every hop and the crashes. */
    @Test
    @Order(5)
    void eachPostedAuthorizationIsOneTraceFromIngestToPosting() throws Exception {
        try (Connection db = probe.database()) {
            String pairs = "from ingest.outbox i join posting.outbox p on p.message_key = i.message_key "
                    + "and p.topic = 'payments.posting.posted' where i.topic = 'payments.authorization.received' ";
            long traced = StackProbe.count(db, "select count(*) " + pairs
                    + "and substr(i.headers::jsonb->>'traceparent', 4, 32) = substr(p.headers::jsonb->>'traceparent', 4, 32) "
                    + "and substr(i.headers::jsonb->>'traceparent', 37, 16) <> substr(p.headers::jsonb->>'traceparent', 37, 16)");
            long broken = StackProbe.count(db, "select count(*) " + pairs
                    + "and (p.headers::jsonb->>'traceparent' is null "
                    + "or substr(i.headers::jsonb->>'traceparent', 4, 32) <> substr(p.headers::jsonb->>'traceparent', 4, 32))");
            assertThat(traced).as("posted authorizations whose posting continues ingest's trace in its own span")
                    .isGreaterThanOrEqualTo(UNIQUE);
            assertThat(broken).as("posted authorizations in another trace than ingest's").isZero();
        }
    }

    /**
     * Issue 8: the services log JSON lines (ECS), and a line about an authorization carries its id: the
     * re-drives of test 3 are logged by reconciliation as such lines.
     */
    @Test
    @Order(6)
    void logLinesAreEcsJsonAndLinesAboutAnAuthorizationCarryItsId() throws Exception {
        String id = AuthorizationMix.of(UNIQUE, DUPLICATES, 20261121).getFirst().authorizationId();
        List<String> lines = java.nio.file.Files.readAllLines(stack.settings().dataDir()
                .resolve("logs/reconciliation-service.log")).stream().filter(l -> l.startsWith("{")).toList();
        var json = new tools.jackson.databind.ObjectMapper();
        assertThat(lines).as("JSON log lines").isNotEmpty().allSatisfy(l -> {
            var line = json.readTree(l);
            assertThat(line.path("ecs").path("version").asString()).isNotBlank();
            assertThat(line.path("service").path("name").asString()).isEqualTo("reconciliation");
            assertThat(line.path("@timestamp").asString()).isNotBlank();
        });
        assertThat(lines.stream().map(json::readTree)
                .filter(l -> l.path("message").asString().startsWith("patch REDRIVE for " + id + " ")).toList())
                .as("re-drive lines of " + id).isNotEmpty()
                .allSatisfy(l -> assertThat(l.path("authorizationId").asString()).isEqualTo(id));
    }

    private static double postingLegsAfterPosting() throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + PipelineService.POSTING.managementPort(
                        stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("postline_posting_legs_after_posting_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private record CliRun(int exit, String output) {
    }

    private static CliRun cli(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh",
                stack.settings().root().resolve("local-stack/postline-ops.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("POSTLINE_TOKEN", stack.bearer("operations:read operations:write")
                .substring("Bearer ".length()));
        pb.environment().put("POSTLINE_POSTING_URL", stack.url(PipelineService.POSTING));
        pb.environment().put("POSTLINE_RECONCILIATION_URL", stack.url(PipelineService.RECONCILIATION));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new CliRun(p.waitFor(), output);
    }

    record Call(String what, int status, String body, List<String> headers) {
    }

    private static Call get(PipelineService service, String path, String bearer) throws Exception {
        return send(service, "GET " + path.replaceAll("[0-9]{13,}", "<pan>"), HttpRequest.newBuilder(
                URI.create(stack.url(service) + path)).header("Authorization", bearer).GET());
    }

    private static Call post(PipelineService service, String path, String bearer, String contentType, String body,
                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.url(service) + path))
                .header("Authorization", bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(service, "POST " + path.replaceAll("[0-9]{13,}", "<pan>"), b);
    }

    private static Call send(PipelineService service, String what, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        List<String> headers = new ArrayList<>();
        r.headers().map().forEach((k, v) -> v.forEach(value -> headers.add(k + ": " + value)));
        return new Call(service.module() + " " + what, r.statusCode(), r.body(), headers);
    }
}
