package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class EventContractTest {

    @ParameterizedTest
    @EnumSource(Topic.class)
    void theDocumentedExampleOfEveryTopicConformsToItsSchemaAndReadsIntoItsRecord(Topic topic) throws IOException {
        byte[] example = example(topic);
        EventSchemas.assertConforms(topic, example);
        assertThat(EventJson.read(example, topic.eventClass())).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void whatTheCodeWritesConformsToTheSchemaAndReadsBackEqual(Topic topic) {
        PipelineEvent event = SampleEvents.of(topic);
        assertThat(Topic.forEvent(event)).isEqualTo(topic);
        byte[] json = EventJson.write(event);
        EventSchemas.assertConforms(topic, json);
        assertThat(EventJson.read(json, topic.eventClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void anEventWithoutItsAuthorizationIdIsRejectedBySchemaAndRecordAlike(Topic topic) throws IOException {
        ObjectNode node = (ObjectNode) EventJson.mapper().readTree(example(topic));
        node.remove("authorizationId");
        byte[] broken = EventJson.mapper().writeValueAsBytes(node);
        assertThat(EventSchemas.violations(topic, broken)).isNotEmpty();
        assertThatThrownBy(() -> EventJson.read(broken, topic.eventClass()))
                .isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"merchantId", "name", "city"})
    void aControlCharacterInTheMerchantsFreeTextIsRejectedBySchemaAndRecordAlike(String field) throws IOException {
        Topic topic = Topic.AUTHORIZATION_RECEIVED;
        ObjectNode node = (ObjectNode) EventJson.mapper().readTree(example(topic));
        ((ObjectNode) node.get("merchant")).put(field, "Corner\u0007Coffee");
        byte[] broken = EventJson.mapper().writeValueAsBytes(node);
        assertThat(EventSchemas.violations(topic, broken)).isNotEmpty();
        assertThatThrownBy(() -> EventJson.read(broken, topic.eventClass()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("merchant." + field + " must not contain control characters");

        ((ObjectNode) node.get("merchant")).put(field, "Caf\u00e9 \u6771\u4eac \uD83C\uDF55");
        byte[] fine = EventJson.mapper().writeValueAsBytes(node);
        EventSchemas.assertConforms(topic, fine);
        assertThat(EventJson.read(fine, topic.eventClass())).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void aMissingFieldIsNamedInTheReason(Topic topic) throws IOException {
        ObjectNode node = (ObjectNode) EventJson.mapper().readTree(example(topic));
        node.remove("authorizationId");
        assertThatThrownBy(() -> EventJson.read(EventJson.mapper().writeValueAsBytes(node), topic.eventClass()))
                .hasMessageContaining("authorizationId is required");
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void theCatalogueNamesFollowTheConvention(Topic topic) {
        assertThat(topic.topicName()).matches("payments\\.[a-z]+\\.[a-z]+");
        assertThat(topic.eventType()).isEqualTo(topic.topicName() + ".v1");
        assertThat(topic.deadLetterTopic()).isEqualTo(topic.topicName() + ".dlt");
        assertThat(Topic.byName(topic.topicName())).contains(topic);
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void theExampleInTheEventCatalogueDocConformsToItsSchema(Topic topic) throws IOException {
        java.nio.file.Path doc = java.nio.file.Path.of(System.getProperty("postline.root", ".."), "docs", "events.md");
        String text = java.nio.file.Files.readString(doc);
        String heading = "### " + topic.topicName() + "\n\n```json\n";
        int start = text.indexOf(heading);
        assertThat(start).as("docs/events.md has an example of " + topic).isNotNegative();
        int from = start + heading.length();
        byte[] json = text.substring(from, text.indexOf("\n```", from)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EventSchemas.assertConforms(topic, json);
        assertThat(EventJson.read(json, topic.eventClass()).authorizationId()).isNotBlank();
    }

    private static byte[] example(Topic topic) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/examples/" + topic.eventType() + ".json")) {
            assertThat(in).as("example for " + topic).isNotNull();
            return in.readAllBytes();
        }
    }
}
