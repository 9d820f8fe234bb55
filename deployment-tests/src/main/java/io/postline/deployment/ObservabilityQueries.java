package io.postline.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every PromQL query of {@code observability/}: the dashboards' panel targets and variables, and the alert
 * rules' expressions, each with where it comes from. The system test scrapes the services for the metric
 * names they read; the offline tests check their structure.
 */
public final class ObservabilityQueries {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    /** One query and where it stands (file, panel or rule). */
    public record Query(String origin, String expression) {
        public Set<String> metricNames() {
            return PromQl.metricNames(expression);
        }
    }

    private ObservabilityQueries() {
    }

    public static Path dashboardsDir(Path root) {
        return root.resolve("observability/dashboards");
    }

    public static Path alertsFile(Path root) {
        return root.resolve("observability/alerts/postline-alerts.yml");
    }

    public static List<Query> all(Path root) {
        List<Query> all = new ArrayList<>(dashboardQueries(root));
        all.addAll(alertQueries(root));
        return all;
    }

    public static List<Query> dashboardQueries(Path root) {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboardsDir(root))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(Files.readString(file));
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.add(new Query(file.getFileName() + " / " + panel.path("title").asString(),
                                target.path("expr").asString()));
                    }
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    Matcher m = LABEL_VALUES.matcher(variable.path("definition").asString());
                    if (m.find()) {
                        queries.add(new Query(file.getFileName() + " / variable " + variable.path("name").asString(),
                                m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    public static List<Query> alertQueries(Path root) {
        List<Query> queries = new ArrayList<>();
        try {
            Map<String, Object> doc = new Yaml().load(Files.readString(alertsFile(root)));
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    queries.add(new Query("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /** Every metric name the queries read. */
    public static Set<String> metricNames(List<Query> queries) {
        Set<String> names = new TreeSet<>();
        queries.forEach(q -> names.addAll(q.metricNames()));
        return names;
    }
}
