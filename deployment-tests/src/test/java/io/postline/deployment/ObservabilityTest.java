package io.postline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Dashboards and alert rules: promtool checks and unit-tests the rules (CI installs promtool; a machine
 * without it skips those two), every alert has a runbook that exists in docs/operations.md, and every
 * dashboard panel has a query on the provisioned Prometheus datasource. That every metric they name is
 * exported is proved by the system test (PipelineSystemIT), which scrapes the running services.
 */
class ObservabilityTest {
    private static final Path ROOT = Repo.root();

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assertThat(promtool("check", "rules", ObservabilityQueries.alertsFile(ROOT).toString()))
                .contains("SUCCESS: 7 rules found");
    }

    @Test
    void promtoolRuleUnitTestsPass() throws Exception {
        assertThat(promtool("test", "rules", ROOT.resolve("observability/alerts/tests/postline-alerts.test.yml")
                .toString())).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsThePrometheusConfig() throws Exception {
        assertThat(promtool("check", "config", "--syntax-only",
                ROOT.resolve("observability/prometheus/prometheus.yml").toString())).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasSeverityASummaryAndARunbookThatExists() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        Set<String> anchors = new TreeSet<>();
        Matcher m = Pattern.compile("<a id=\"([^\"]+)\"></a>").matcher(operations);
        while (m.find()) {
            anchors.add(m.group(1));
        }
        Map<String, Object> doc = new Yaml().load(Files.readString(ObservabilityQueries.alertsFile(ROOT)));
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = (String) rule.get("alert");
                alerts.add(name);
                Map<String, String> labels = (Map<String, String>) rule.get("labels");
                Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
                assertThat(labels.get("severity")).as(name).isIn("critical", "warning");
                assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
                String anchor = annotations.get("runbook_url").replaceFirst(".*docs/operations\\.md#", "");
                assertThat(anchor).as(name + " runbook anchor").isEqualTo("runbook-" + name.toLowerCase());
                assertThat(anchors).as(name + ": runbook section in docs/operations.md").contains(anchor);
            }
        }
        assertThat(alerts).contains("PostlineServiceDown", "PostlineConsumerLagGrowing", "PostlineDeadLetters",
                "PostlineOutboxBacklogGrowing", "PostlineReconciliationBreakOverSla",
                "PostlineIncompletePostingSequences", "PostlineIngestServerErrors");
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasourceAndEveryQueryNamesAMetric() throws IOException {
        String uid = new Yaml().<Map<String, List<Map<String, Object>>>>load(Files.readString(
                ROOT.resolve("observability/grafana/provisioning/datasources/prometheus.yml")))
                .get("datasources").getFirst().get("uid").toString();
        for (Path file : List.of(ROOT.resolve("observability/dashboards/pipeline-overview.json"),
                ROOT.resolve("observability/dashboards/service-jvm-kafka.json"))) {
            JsonNode dashboard = new ObjectMapper().readTree(Files.readString(file));
            assertThat(dashboard.path("uid").asString()).as(file + " uid").isNotBlank();
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(ids.add(panel.path("id").asInt())).as("panel ids unique in " + file).isTrue();
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                        .isEqualTo(uid);
                assertThat(panel.path("targets").size()).as(panel.path("title") + " has queries").isPositive();
                assertThat(panel.path("description").asString()).as(panel.path("title") + " says what it shows")
                        .isNotBlank();
            }
        }
        for (var q : ObservabilityQueries.all(ROOT)) {
            assertThat(q.metricNames()).as(q.origin() + ": " + q.expression()).isNotEmpty();
        }
        assertThat(ObservabilityQueries.metricNames(ObservabilityQueries.dashboardQueries(ROOT))).contains(
                "postline_stage_events_in_total", "postline_reconciliation_posting_latency_seconds_bucket",
                "postline_stage_consumer_lag", "postline_stage_outbox_backlog", "postline_stage_inbox_repeats_total",
                "postline_stage_dlt_depth", "postline_enrichment_held_total", "postline_dedup_parked_total",
                "postline_reconciliation_items", "postline_reconciliation_patches_total",
                "http_server_requests_seconds_count", "postline_ingest_requests_in_flight",
                "postline_ingest_requests_turned_away_total", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum",
                "process_cpu_usage", "kafka_producer_record_send_total",
                "kafka_consumer_fetch_manager_records_consumed_total");
    }

    /** Runs promtool; skips where it is not installed, except in CI (CI=true), where it must be. */
    private static String promtool(String... args) throws Exception {
        boolean present = which("promtool");
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(present).as("promtool is not installed (apt-get install prometheus)").isTrue();
        }
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("promtool " + String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    private static boolean which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
