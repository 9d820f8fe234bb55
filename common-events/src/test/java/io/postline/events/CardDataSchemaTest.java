package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PCI: no event schema has a field for a PAN, card security code, track data or PIN (only card tokens). */
class CardDataSchemaTest {
    private static final Set<String> FORBIDDEN = Set.of("pan", "cardnumber", "cvv", "cvv2", "cvc", "cvc2", "cid",
            "securitycode", "track", "track1", "track2", "trackdata", "pin", "pinblock", "expiry", "expirydate");

    @Test
    void noSchemaDeclaresAFieldForCardData() throws IOException {
        List<String> names = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            collect(read(topic.schemaResource()), names);
        }
        collect(read("/schemas/common.v1.schema.json"), names);

        assertThat(names).hasSizeGreaterThan(50);
        assertThat(names).allSatisfy(name -> assertThat(tokens(name)).as(name).doesNotContainAnyElementsOf(FORBIDDEN));
    }

    @Test
    void theCheckRecognisesTheFieldsItForbids() {
        assertThat(tokens("cardNumber")).contains("cardnumber");
        assertThat(tokens("track2Data")).contains("track2");
        assertThat(tokens("cvv")).contains("cvv");
        assertThat(tokens("cardToken")).doesNotContainAnyElementsOf(FORBIDDEN);
    }

    /** A camelCase name as lower-case words, and each adjacent pair joined ("cardNumber" → card, number, cardnumber). */
    static List<String> tokens(String name) {
        String[] words = name.split("(?<=[a-z0-9])(?=[A-Z])|_|-");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            tokens.add(words[i].toLowerCase(Locale.ROOT));
            if (i + 1 < words.length) {
                tokens.add((words[i] + words[i + 1]).toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static void collect(JsonNode node, List<String> names) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    names.add(p.getKey());
                }
            }
            node.valueStream().forEach(child -> collect(child, names));
        } else if (node.isArray()) {
            node.valueStream().forEach(child -> collect(child, names));
        }
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = CardDataSchemaTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
