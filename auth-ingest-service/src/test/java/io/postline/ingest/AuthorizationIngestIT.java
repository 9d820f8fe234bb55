package io.postline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.Topic;
import io.postline.ingest.admission.RequestAdmission;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0",
        "postline.ingest.admission.max-wait=300ms"})
class AuthorizationIngestIT {
    private static final TopicProbe probe = TopicProbe.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RequestAdmission admission;

    static String body(String authorizationId) {
        return """
                {"authorizationId":"%s","sourceId":"pos-switch","cardToken":"CTK000001","acquirerId":"40001234",
                 "merchant":{"merchantId":"M-1","name":"Corner Coffee","mcc":"5814","city":"London","country":"GB"},
                 "amount":{"amountMinor":1250,"currency":"GBP"},"stan":"000123","rrn":"632410004217",
                 "approvalCode":"A1B2C3","transmissionTime":"2026-11-20T10:15:30Z"}""".formatted(authorizationId);
    }

    HttpResponse<String> post(String json) throws Exception {
        return post("/v1/authorizations", json);
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAcceptedAuthorizationIsStoredAndPublishedUnderTheEventIdTheAnswerGives() throws Exception {
        HttpResponse<String> response = post(body("INGEST-1"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = EventJson.mapper().readTree(response.body());
        assertThat(answer.get("authorizationId").asString()).isEqualTo("INGEST-1");
        assertThat(answer.get("status").asString()).isEqualTo("ACCEPTED");
        UUID eventId = UUID.fromString(answer.get("eventId").asString());

        var records = probe.awaitRecords(Topic.AUTHORIZATION_RECEIVED.topicName(),
                all -> all.stream().anyMatch(r -> TopicProbe.eventId(r).equals(eventId)));
        var record = records.stream().filter(r -> TopicProbe.eventId(r).equals(eventId)).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo("INGEST-1");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("auth-ingest");
        EventSchemas.assertConforms(Topic.AUTHORIZATION_RECEIVED, record.value());
        assertThat(jdbc.queryForObject("select count(*) from authorization_received where event_id = ?",
                Integer.class, eventId)).isEqualTo(1);
    }

    @Test
    void invalidJsonGetsA400ProblemDetail() throws Exception {
        HttpResponse<String> response = post("{\"authorizationId\": \"X\", ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://postline.io/problems/invalid-body");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void aMissingBodyGetsTheSame400ProblemDetail() throws Exception {
        for (String path : List.of("/v1/authorizations", "/v1/authorizations:batch")) {
            HttpResponse<String> response = post(path, "");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode problem = EventJson.mapper().readTree(response.body());
            assertThat(problem.get("type").asString()).as(path).isEqualTo("https://postline.io/problems/invalid-body");
            assertThat(problem.get("detail").asString()).as(path).isEqualTo("The body could not be parsed as JSON.");
        }
    }

    @Test
    void aSchemaInvalidBodyGetsA400NamingEveryBadFieldWithoutEchoingValues() throws Exception {
        String bad = body("INGEST-BAD").replace("\"000123\"", "\"12\"").replace("\"GBP\"", "\"QQQ\"")
                .replace("\"5814\"", "\"58x4\"").replace("\"CTK000001\"", "\"SECRET!\"");

        HttpResponse<String> response = post(bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://postline.io/problems/invalid-fields");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("stan", "amount.currency", "merchant.mcc", "cardToken");
        assertThat(response.body()).doesNotContain("SECRET!").doesNotContain("58x4").doesNotContain("QQQ");
    }

    @Test
    void controlCharactersInTheMerchantsTextAreRefusedWith400NamingEachFieldAndNothingIsStored() throws Exception {
        // JSON escapes, as a sender would write them: a bell in the name, a line break in the city.
        String bad = body("INGEST-CTRL").replace("\"Corner Coffee\"", "\"Corner\\u0007Coffee\"")
                .replace("\"London\"", "\"Lon\\ndon\"");

        HttpResponse<String> response = post(bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://postline.io/problems/invalid-fields");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString() + " " + e.get("message").asString()))
                .containsExactly("merchant.city must not contain control characters",
                        "merchant.name must not contain control characters");
        assertThat(jdbc.queryForObject("select count(*) from authorization_received where authorization_id = 'INGEST-CTRL'",
                Integer.class)).isZero();

        String accented = body("INGEST-CAFE").replace("\"Corner Coffee\"", "\"Caf\u00e9 \u6771\u4eac \\uD83C\\uDF55\"");
        assertThat(post(accented).statusCode()).isEqualTo(202);
    }

    @Test
    void aWronglyTypedFieldIsNamedWithoutItsValue() throws Exception {
        HttpResponse<String> response = post(body("INGEST-TYPE").replace("1250", "\"twelve-fifty\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("amount.amountMinor").doesNotContain("twelve-fifty");
    }

    @Test
    void theOpenApiDocumentIsServedWithEveryIngestPathAndItsExamples() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = EventJson.mapper().readTree(r.body());
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("paths").propertyNames()).contains("/v1/authorizations", "/v1/authorizations:batch",
                "/v1/ingest-jobs", "/v1/ingest-jobs/{jobId}", "/v1/sources");
        assertThat(r.body()).contains("DEMO-0001").contains("\"bearer\"").contains("AuthorizationRequest");
    }

    @Test
    void sendingNeedsTheIngestScopeAndOperatorCallsTheOperatorScopes() throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/authorizations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body("SCOPE-1")));
        assertThat(http.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(post.copy().header("Authorization", TestTokens.bearer("operations:write")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(post.copy().header("Authorization", TestTokens.bearer("authorizations:write")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);

        HttpRequest.Builder sources = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/sources"));
        assertThat(http.send(sources.copy().header("Authorization", TestTokens.bearer("authorizations:write")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(sources.copy().header("Authorization", TestTokens.bearer("operations:read")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void whileAsManyBatchRequestsAsAllowedAreInProgressTheNextIsTurnedAwayWith503AndNothingStored() throws Exception {
        int taken = 0;
        try {
            while (admission.enter(Duration.ZERO)) {
                taken++;
            }
            assertThat(taken).as("the default bound, below the pool of 8").isEqualTo(5);

            HttpResponse<String> busy = post("/v1/authorizations:batch", batch("BUSY-1"));

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode problem = EventJson.mapper().readTree(busy.body());
            assertThat(problem.get("type").asString()).isEqualTo("https://postline.io/problems/overloaded");
            assertThat(problem.get("instance").asString()).isEqualTo("/v1/authorizations:batch");
            assertThat(jdbc.queryForObject("select count(*) from authorization_received where authorization_id = ?",
                    Integer.class, "BUSY-1")).isZero();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/v1/authorizations:batch")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch("BUSY-2"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("security answers before admission").isEqualTo(401);
            assertThat(post(body("BUSY-3")).statusCode())
                    .as("a single request holds no connection while it waits for its group: not counted").isEqualTo(202);
        } finally {
            for (; taken > 0; taken--) {
                admission.leave();
            }
        }

        assertThat(post("/v1/authorizations:batch", batch("BUSY-1")).statusCode())
                .as("the same request once a place is free").isEqualTo(200);
        assertThat(admission.inFlight()).as("every admitted request gave its place back").isZero();
    }

    static String batch(String authorizationId) {
        return "{\"authorizations\": [" + body(authorizationId) + "]}";
    }
}
