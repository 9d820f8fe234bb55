package io.postline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Helm chart, with Helm itself run in-process and offline (helm-java): lint, render, parse, reject. */
class HelmChartTest {
    private static final Path ROOT = Repo.root();
    private static final Path CHART = ROOT.resolve("helm/payments-pipeline");
    private static final List<String> SERVICES = List.of("auth-ingest-service", "dedup-service",
            "iso20022-standardizer", "enrichment-service", "rules-service", "posting-service",
            "reconciliation-service");

    @Test
    void lintsStrictlyWithoutFindings() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderADeploymentServiceAndBudgetPerServiceWithProbesAndReferencedSecrets() {
        List<HasMetadata> objects = render(t -> t);
        List<Deployment> deployments = ofType(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> "pp-" + s).toList());
        assertThat(ofType(objects, Service.class)).hasSize(7);
        assertThat(ofType(objects, PodDisruptionBudget.class)).hasSize(7);
        assertThat(ofType(objects, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        for (Deployment d : deployments) {
            var labels = d.getMetadata().getLabels();
            assertThat(labels).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance",
                    "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart");
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            var c = pod.getContainers().getFirst();
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(c.getResources().getLimits()).containsKey("memory");
            var password = c.getEnv().stream().filter(e -> e.getName().equals("SPRING_DATASOURCE_PASSWORD"))
                    .findFirst().orElseThrow();
            assertThat(password.getValue()).as("never inlined").isNull();
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("postline-db");
            assertThat(c.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("POSTLINE_DATABASE_SCHEMA");
                assertThat(e.getValue()).isNotBlank();
            });
        }
    }

    @Test
    void everyFlagOnRendersHpaKedaMonitoringDashboardsStrimziAndCloudNativePg() throws IOException {
        List<HasMetadata> objects = render(t -> t
                .set("defaults.autoscaling.enabled", "true")
                .set("services.dedup-service.keda.enabled", "true")
                .set("services.posting-service.keda.enabled", "true")
                .set("metrics.serviceMonitor.enabled", "true")
                .set("metrics.prometheusRule.enabled", "true")
                .set("metrics.dashboards.enabled", "true")
                .set("kafka.strimzi.enabled", "true")
                .set("kafka.existingSecret", "postline-kafka")
                .set("database.cloudnativepg.enabled", "true")
                .set("tracing.exportEnabled", "true")
                .set("tracing.otlpEndpoint", "http://otel:4318/v1/traces")
                .set("services.rules-service.image", "registry.example/rules:1.2.3"));
        Map<String, Long> kinds = objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind,
                Collectors.counting()));
        assertThat(kinds).containsEntry("HorizontalPodAutoscaler", 5L).containsEntry("ScaledObject", 2L)
                .containsEntry("ServiceMonitor", 1L).containsEntry("PrometheusRule", 1L)
                .containsEntry("ConfigMap", 2L).containsEntry("Kafka", 1L).containsEntry("KafkaNodePool", 1L)
                .containsEntry("KafkaTopic", 18L).containsEntry("Cluster", 1L);
        var rule = ofKind(objects, "PrometheusRule").getFirst();
        assertThat(Serialization.asYaml(rule.getAdditionalProperties().get("spec")))
                .contains("PostlineServiceDown").contains("runbook_url");
        var database = (Map<?, ?>) ofKind(objects, "Cluster").getFirst().getAdditionalProperties().get("spec");
        assertThat(((Map<?, ?>) database.get("postgresql")).get("parameters")).as("WAL buffers for the pipeline's WAL rate")
                .isEqualTo(Map.of("wal_buffers", "16MB"));
        assertThat(ofType(objects, io.fabric8.kubernetes.api.model.ConfigMap.class)).hasSize(2).allSatisfy(cm ->
                assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1"));
        var keda = ofKind(objects, "ScaledObject").stream()
                .filter(o -> o.getMetadata().getName().endsWith("posting-service")).findFirst().orElseThrow();
        assertThat(Serialization.asYaml(keda.getAdditionalProperties().get("spec")))
                .contains("consumerGroup: \"posting\"").contains("topic: \"payments.posting.leg\"");
        Deployment dedup = ofType(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith("dedup-service")).findFirst().orElseThrow();
        assertThat(dedup.getSpec().getReplicas()).as("replicas left to the autoscaler").isNull();
        var env = dedup.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(e.getValue()).isEqualTo("postline-kafka-bootstrap:9092");
        });
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SPRING_DATASOURCE_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pp-db-app");
        });
        assertThat(env).anySatisfy(e -> assertThat(e.getName()).isEqualTo("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
        assertThat(ofType(objects, Deployment.class)).filteredOn(d -> d.getMetadata().getName().endsWith("rules-service"))
                .singleElement().satisfies(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst()
                        .getImage()).isEqualTo("registry.example/rules:1.2.3"));
        assertThat(dedup.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("ghcr.io/postline/dedup-service:0.1.0");
        List<String> topics = ofKind(objects, "KafkaTopic").stream()
                .map(t -> ((Map<?, ?>) t.getAdditionalProperties().get("spec")).get("topicName").toString()).toList();
        for (String topic : topicCatalogue()) {
            assertThat(topics).contains(topic, topic + ".dlt");
        }
    }

    @Test
    void theSchemaRejectsBadValues() {
        assertThatThrownBy(() -> render(t -> t.set("services.dedup-service.port", "not-a-port")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> render(t -> t.set("database.sslMode", "sometimes")))
                .hasMessageContaining("sslMode");
        assertThatThrownBy(() -> render(t -> t.set("defaults.consumer.concurrency", "0")))
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> render(t -> t.set("services.rules-service.env.lower_case", "x")))
                .hasMessageContaining("lower_case");
        assertThatThrownBy(() -> render(t -> t.set("kafka.bootstrapServer", "typo:9092")))
                .hasMessageContaining("bootstrapServer");
    }

    @Test
    void theChartCarriesTheSameDashboardsAndAlertRulesAsObservability() throws IOException {
        assertThat(Files.readString(CHART.resolve("files/alerts/postline-alerts.yml")))
                .isEqualTo(Files.readString(ObservabilityQueries.alertsFile(ROOT)));
        try (var files = Files.list(ObservabilityQueries.dashboardsDir(ROOT))) {
            for (Path dashboard : files.toList()) {
                assertThat(Files.readString(CHART.resolve("files/dashboards").resolve(dashboard.getFileName())))
                        .as(dashboard.getFileName() + " (copy it into helm/payments-pipeline/files/dashboards)")
                        .isEqualTo(Files.readString(dashboard));
            }
        }
    }

    private static List<String> topicCatalogue() {
        return Arrays.stream(io.postline.events.Topic.values()).map(io.postline.events.Topic::topicName).toList();
    }

    private static List<HasMetadata> render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("pp").withNamespace("payments")
                .withKubeVersion("1.31.0")).call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(Serialization.unmarshal(doc));
            }
        }
        assertThat(objects).as("rendered objects").isNotEmpty();
        return objects;
    }

    private static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> ofKind(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(GenericKubernetesResource.class::cast)
                .toList();
    }
}
