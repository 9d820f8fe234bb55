package io.postline.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Validates JSON against the published event schemas. Shared with every service's tests through the
 * test-jar, so that each test can check the events its stage produces against the contract.
 */
public final class EventSchemas {
    private static final String BASE = "https://postline.io/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(BASE, "classpath:schemas/")));
    private static final Map<Topic, Schema> SCHEMAS = new EnumMap<>(Topic.class);

    private EventSchemas() {
    }

    public static synchronized Schema schemaOf(Topic topic) {
        return SCHEMAS.computeIfAbsent(topic,
                t -> REGISTRY.getSchema(SchemaLocation.of(BASE + t.eventType() + ".schema.json")));
    }

    /** The violations of {@code json} against the topic's schema; empty when it conforms. */
    public static List<String> violations(Topic topic, byte[] json) {
        JsonNode node = EventJson.mapper().readTree(json);
        return schemaOf(topic).validate(node).stream().map(Error::toString).toList();
    }

    /** Fails with every violation listed when {@code json} does not conform. */
    public static void assertConforms(Topic topic, byte[] json) {
        List<String> violations = violations(topic, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(topic.eventType() + " does not conform to its schema: " + violations
                    + "\n" + new String(json, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
