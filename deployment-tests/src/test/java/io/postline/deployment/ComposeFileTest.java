package io.postline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * docker-compose.yml, checked without a Docker engine: every service is built or pulled, health-checked and
 * started in order; its ports are the ones it listens on; every environment name of a Postline service binds
 * to a real Spring property; and Prometheus scrapes exactly the compose services, at their management ports.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {
    private static final Path ROOT = Repo.root();
    /** module → (application name, http port, management port), as each service's application.yml says. */
    private static final Map<String, List<Object>> SERVICES = Map.of(
            "auth-ingest-service", List.of("auth-ingest", 8080, 9080),
            "dedup-service", List.of("dedup", 8081, 9081),
            "iso20022-standardizer", List.of("iso20022-standardizer", 8082, 9082),
            "enrichment-service", List.of("enrichment", 8083, 9083),
            "rules-service", List.of("rules", 8084, 9084),
            "posting-service", List.of("posting", 8085, 9085),
            "reconciliation-service", List.of("reconciliation", 8086, 9086));
    private static Map<String, Map<String, Object>> services;
    private static Set<String> knownProperties;

    @BeforeAll
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        knownProperties = SpringProperties.known();
    }

    @Test
    void everyPipelineServiceIsBuiltFromItsModuleHealthCheckedAndWaitsForKafkaAndPostgres() throws IOException {
        assertThat(services).containsKeys("kafka", "postgres", "prometheus", "grafana");
        assertThat((List<String>) services.get("postgres").get("command")).as("WAL buffers for the pipeline's WAL rate")
                .containsSubsequence("-c", "wal_buffers=16MB");
        assertThat(services).containsKeys(SERVICES.keySet().toArray(String[]::new));
        for (var e : SERVICES.entrySet()) {
            Map<String, Object> svc = services.get(e.getKey());
            Map<String, Object> build = (Map<String, Object>) svc.get("build");
            assertThat(build).as(e.getKey() + " build").isNotNull();
            String module = (String) ((Map<String, Object>) build.get("args")).get("MODULE");
            assertThat(module).isEqualTo(e.getKey());
            assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
            assertThat(ROOT.resolve((String) build.get("context")).resolve("Dockerfile")).exists();
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) svc.get("depends_on");
            assertThat(dependsOn.get("kafka").get("condition")).isEqualTo("service_healthy");
            assertThat(dependsOn.get("postgres").get("condition")).isEqualTo("service_healthy");
            List<String> test = (List<String>) ((Map<String, Object>) svc.get("healthcheck")).get("test");
            assertThat(String.join(" ", test)).as(e.getKey() + " health check")
                    .contains("http://localhost:" + e.getValue().get(2) + "/actuator/health/readiness");
            assertThat((List<String>) svc.get("ports")).as(e.getKey() + " ports")
                    .containsExactlyInAnyOrder(e.getValue().get(1) + ":" + e.getValue().get(1),
                            e.getValue().get(2) + ":" + e.getValue().get(2));
            assertThat(Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml")))
                    .contains(":" + e.getValue().get(1) + "}").contains(":" + e.getValue().get(2) + "}")
                    .contains("name: " + e.getValue().get(0));
        }
        for (var e : services.entrySet()) {
            assertThat(e.getValue().containsKey("image") || e.getValue().containsKey("build"))
                    .as(e.getKey() + " has an image or a build").isTrue();
            Map<String, Object> hc = (Map<String, Object>) e.getValue().get("healthcheck");
            assertThat(hc).as(e.getKey() + " health check").isNotNull();
        }
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(((Map<String, Object>) services.get("load-generator")).get("profiles").toString()).contains("demo");
    }

    @Test
    void theImageRunsAsANonRootUserWithContainerAwareMemoryAndAHealthCheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("USER 10001").contains("MaxRAMPercentage").contains("HEALTHCHECK")
                .contains("deploy/docker/HealthCheck.java");
        assertThat(ROOT.resolve("deploy/docker/HealthCheck.java")).exists();
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains(".git").contains("**/target");
    }

    @Test
    void everyEnvironmentNameOfAPostlineServiceBindsToARealSpringProperty() {
        Set<String> unbound = new TreeSet<>();
        for (String module : SERVICES.keySet()) {
            Map<String, Object> env = (Map<String, Object>) services.get(module).get("environment");
            for (String name : env.keySet()) {
                if (!binds(name, module)) {
                    unbound.add(module + ": " + name);
                }
            }
        }
        assertThat(unbound).as("environment names that bind to no property").isEmpty();
        assertThat(binds("SPRING_KAFKA_BOOTSTRAP_SERVER", "dedup-service")).as("a typo is caught").isFalse();
        assertThat(binds("POSTLINE_DATABASE_HOSTNAME", "dedup-service")).as("a typo is caught").isFalse();
    }

    @Test
    void prometheusScrapesEveryPostlineServiceAtItsManagementPortAndNothingElse() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(
                ROOT.resolve("observability/prometheus/prometheus.yml")));
        Set<String> targets = new TreeSet<>();
        Set<String> applications = new TreeSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) sc.get("targets"));
                Map<String, String> labels = (Map<String, String>) sc.get("labels");
                assertThat(labels).containsEntry("pipeline", "postline");
                applications.add(labels.get("application"));
            }
        }
        Set<String> expected = new TreeSet<>();
        SERVICES.forEach((module, v) -> expected.add(module + ":" + v.get(2)));
        assertThat(targets).isEqualTo(expected);
        assertThat(applications).containsExactlyInAnyOrderElementsOf(SERVICES.values().stream()
                .map(v -> (String) v.getFirst()).toList());
        List<String> volumes = (List<String>) services.get("prometheus").get("volumes");
        assertThat(volumes).anyMatch(v -> v.startsWith("./observability/alerts:"))
                .anyMatch(v -> v.startsWith("./observability/prometheus/prometheus.yml:"));
        assertThat((List<String>) services.get("grafana").get("volumes"))
                .anyMatch(v -> v.startsWith("./observability/dashboards:"))
                .anyMatch(v -> v.startsWith("./observability/grafana/provisioning:"));
        for (String v : volumes) {
            assertThat(ROOT.resolve(v.substring(2, v.indexOf(':')))).exists();
        }
    }

    /** Spring's relaxed binding from an environment name, or a ${NAME} placeholder of the service's yml. */
    private static boolean binds(String envName, String module) {
        try {
            String yml = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
            if (yml.contains("${" + envName + ":") || yml.contains("${" + envName + "}")) {
                return true;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String env = envName.toLowerCase().replace("_", "");
        for (String p : knownProperties) {
            String canonical = p.replace(".", "").replace("-", "");
            if (canonical.equals(env) || (p.endsWith(".*") && env.startsWith(canonical.replace("*", "")))) {
                return true;
            }
        }
        return false;
    }

    /** Property names: Boot's metadata on the classpath plus Postline's own @ConfigurationProperties records. */
    static final class SpringProperties {
        static Set<String> known() throws IOException {
            Set<String> names = new HashSet<>();
            ObjectMapper json = new ObjectMapper();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(
                    "classpath*:META-INF/spring-configuration-metadata.json")) {
                JsonNode root = json.readTree(r.getInputStream());
                for (JsonNode p : root.path("properties")) {
                    String type = p.path("type").asString();
                    names.add(p.path("name").asString() + (type.startsWith("java.util.Map") ? ".*" : ""));
                }
            }
            // The runtime's shared defaults define a few plain keys used in placeholders (postline.database.host).
            var defaults = new java.util.Properties();
            try (var in = ComposeFileTest.class.getResourceAsStream("/postline-defaults.properties")) {
                defaults.load(in);
            }
            names.addAll(defaults.stringPropertyNames());
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            for (var candidate : scanner.findCandidateComponents("io.postline")) {
                try {
                    Class<?> type = Class.forName(candidate.getBeanClassName());
                    String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                    if (prefix.isEmpty()) {
                        prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
                    }
                    addRecord(names, prefix, type, 0);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            return names;
        }

        private static void addRecord(Set<String> names, String prefix, Class<?> type, int depth) {
            if (!type.isRecord() || depth > 4) {
                names.add(prefix);
                return;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                String name = prefix + "." + kebab(c.getName());
                if (Map.class.isAssignableFrom(c.getType())) {
                    names.add(name + ".*");
                } else {
                    addRecord(names, name, c.getType(), depth + 1);
                }
            }
        }

        private static String kebab(String camel) {
            Matcher m = Pattern.compile("([a-z0-9])([A-Z])").matcher(camel);
            return m.replaceAll("$1-$2").toLowerCase();
        }
    }
}
