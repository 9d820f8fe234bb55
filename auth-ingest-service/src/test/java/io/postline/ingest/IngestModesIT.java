package io.postline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.events.EventJson;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Card-data refusal, batches, idempotency keys, delivery modes and file ingest, against Kafka and PostgreSQL. */
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0",
        "postline.ingest.max-batch-size=5", "postline.ingest.jobs.chunk-size=250",
        "postline.ingest.jobs.directory=target/ingest-jobs-it",
        "postline.ingest.sources.pos-tokenizing.formats=JSON", "postline.ingest.sources.pos-tokenizing.tokenize-pans=true",
        "postline.ingest.tokenization.keys.1=K34VFiiu0qar9xWICc9PPA==",
        "postline.ingest.sources.restricted.formats=JSON", "postline.ingest.sources.restricted.clients=acquirer-7"})
class IngestModesIT {
    private static final TopicProbe probe = TopicProbe.shared();
    private static final String RECEIVED = Topic.AUTHORIZATION_RECEIVED.topicName();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static String body(String id, String source) {
        return AuthorizationIngestIT.body(id).replace("\"pos-switch\"", "\"" + source + "\"");
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll())
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::setHeader);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    long published(String... ids) {
        List<String> wanted = List.of(ids);
        return probe.readAll(RECEIVED).stream().filter(r -> wanted.contains(r.key())).count();
    }

    @Test
    void aCardNumberInAnyFieldIsRefusedWith422NamingTheFieldAndIsNeitherStoredNorPublished() throws Exception {
        for (String pan : List.of("4111111111111111", "5555555555554444", "378282246310005")) {
            String id = "PAN-" + pan.substring(0, 4);
            HttpResponse<String> r = post("/v1/authorizations", "application/json",
                    body(id, "pos-switch").replace("\"Corner Coffee\"", "\"Corner " + pan + "\""), Map.of());

            assertThat(r.statusCode()).isEqualTo(422);
            JsonNode problem = EventJson.mapper().readTree(r.body());
            assertThat(problem.get("type").asString()).isEqualTo("https://postline.io/problems/card-data-refused");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("merchant.name");
            assertThat(r.body()).doesNotContain(pan);
            assertThat(jdbc.queryForObject("select count(*) from authorization_received where authorization_id = ?",
                    Integer.class, id)).isZero();
        }
        HttpResponse<String> inAnUnknownField = post("/v1/authorizations", "application/json",
                body("PAN-X", "pos-switch").replace("{\"authorizationId\"", "{\"pan\":\"4111 1111 1111 1111\","
                        + "\"authorizationId\""), Map.of());
        assertThat(inAnUnknownField.statusCode()).isEqualTo(422);
        assertThat(inAnUnknownField.body()).contains("\"field\":\"pan\"").doesNotContain("4111 1111");
        assertThat(published("PAN-4111", "PAN-5555", "PAN-3782", "PAN-X")).isZero();
    }

    @Test
    void aSourceThatSendsPansHasThemTokenizedAtTheEdgeSoNoPanIsStoredOrPublished() throws Exception {
        String pan = "5555555555554444";
        HttpResponse<String> r = post("/v1/authorizations", "application/json",
                body("TOKEN-1", "pos-tokenizing").replace("\"CTK000001\"", "\"" + pan + "\""), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).doesNotContain(pan);
        String stored = jdbc.queryForObject("select payload::text from authorization_received "
                + "where authorization_id = 'TOKEN-1'", String.class);
        String token = EventJson.mapper().readTree(stored).get("cardToken").asString();
        assertThat(token).hasSize(pan.length()).matches("[0-9]+").isNotEqualTo(pan);
        assertThat(io.postline.events.PanGuard.containsPan(token)).isFalse();
        assertThat(io.postline.ingest.domain.EdgeTokenizer.versionOf(token)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> published("TOKEN-1") == 1);
        assertThat(probe.readAll(RECEIVED).stream().filter(x -> "TOKEN-1".equals(x.key()))
                .map(x -> new String(x.value(), java.nio.charset.StandardCharsets.UTF_8))).allSatisfy(v ->
                assertThat(v).doesNotContain(pan).contains(token));

        // A PAN anywhere else is still refused, even for this source.
        HttpResponse<String> elsewhere = post("/v1/authorizations", "application/json",
                body("TOKEN-2", "pos-tokenizing").replace("\"Corner Coffee\"", "\"" + pan + "\""), Map.of());
        assertThat(elsewhere.statusCode()).isEqualTo(422);
    }

    @Test
    void aSourceLimitedToNamedClientsRefusesOtherClients() throws Exception {
        String body = body("CLIENT-1", "restricted");
        HttpResponse<String> stranger = post("/v1/authorizations", "application/json", body,
                Map.of("Authorization", TestTokens.bearer("authorizations:write", "someone-else")));
        HttpResponse<String> named = post("/v1/authorizations", "application/json", body,
                Map.of("Authorization", TestTokens.bearer("authorizations:write", "acquirer-7")));

        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(stranger.body()).contains("this client may not send for the source");
        assertThat(named.statusCode()).isEqualTo(202);
    }

    @Test
    void aBatchAnswersPerItemAndAcceptsTheGoodOnes() throws Exception {
        String items = String.join(",", body("BATCH-1", "pos-switch"),
                body("BATCH-2", "pos-switch").replace("\"GBP\"", "\"QQQ\""),
                body("BATCH-3", "pos-switch").replace("\"CTK000001\"", "\"4111111111111111\""),
                body("BATCH-4", "nowhere"));
        HttpResponse<String> r = post("/v1/authorizations:batch", "application/json",
                "{\"authorizations\":[" + items + "]}", Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = EventJson.mapper().readTree(r.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(1);
        assertThat(result.get("rejected").asInt()).isEqualTo(3);
        assertThat(result.get("results").valueStream().map(i -> i.get("status").asString()).toList())
                .containsExactly("ACCEPTED", "REJECTED", "REFUSED_CARD_DATA", "REJECTED");
        assertThat(result.get("results").get(3).get("errors").get(0).get("field").asString()).isEqualTo("sourceId");
        assertThat(r.body()).doesNotContain("4111111111111111");
        await().atMost(Duration.ofSeconds(30)).until(() -> published("BATCH-1") == 1);

        String six = IntStream.range(0, 6).mapToObj(i -> body("BIG-" + i, "pos-switch")).collect(Collectors.joining(","));
        assertThat(post("/v1/authorizations:batch", "application/json", "{\"authorizations\":[" + six + "]}", Map.of())
                .statusCode()).isEqualTo(413);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstAnswerForTheSameBodyAndRefusesAnother() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "key-42");
        HttpResponse<String> first = post("/v1/authorizations", "application/json", body("IDEM-1", "pos-switch"), key);
        HttpResponse<String> again = post("/v1/authorizations", "application/json", body("IDEM-1", "pos-switch"), key);
        HttpResponse<String> other = post("/v1/authorizations", "application/json", body("IDEM-2", "pos-switch"), key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(EventJson.mapper().readTree(other.body()).get("type").asString())
                .isEqualTo("https://postline.io/problems/idempotency-key-reused");
        assertThat(jdbc.queryForObject("select count(*) from authorization_received where authorization_id like 'IDEM-%'",
                Integer.class)).isOne();
    }

    @Test
    void aKeyedBatchIsAcceptedOnceEvenWhenSentTwiceAtOnceAndItsKeyKeepsItsAnswer() throws Exception {
        String batch = "{\"authorizations\":[" + body("KB-1", "pos-switch") + ","
                + body("KB-2", "pos-switch").replace("\"GBP\"", "\"QQQ\"") + "]}";
        Map<String, String> key = Map.of("Idempotency-Key", "batch-key-7");
        // both claim the one key: the second waits on its row and gets the first's answer
        List<HttpResponse<String>> both;
        try (var twice = Executors.newFixedThreadPool(2)) {
            var first = twice.submit(() -> post("/v1/authorizations:batch", "application/json", batch, key));
            var second = twice.submit(() -> post("/v1/authorizations:batch", "application/json", batch, key));
            both = List.of(first.get(), second.get());
        }
        HttpResponse<String> later = post("/v1/authorizations:batch", "application/json", batch, key);
        HttpResponse<String> other = post("/v1/authorizations:batch", "application/json",
                "{\"authorizations\":[" + body("KB-3", "pos-switch") + "]}", key);

        assertThat(both).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
        assertThat(both.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent())).hasSize(1);
        assertThat(later.body()).isEqualTo(both.get(0).body());
        assertThat(later.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode answer = EventJson.mapper().readTree(later.body());
        assertThat(answer.get("accepted").asInt()).isOne();
        assertThat(answer.get("results").get(1).get("status").asString()).isEqualTo("REJECTED");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForList("select event_id::text from authorization_received where authorization_id like 'KB-%'",
                String.class)).containsExactly(answer.get("results").get(0).get("eventId").asString());
        await().atMost(Duration.ofSeconds(30)).until(() -> published("KB-1") == 1);

        // a refusal is kept with its key as well
        Map<String, String> refusedKey = Map.of("Idempotency-Key", "batch-key-8");
        HttpResponse<String> refused = post("/v1/authorizations:batch", "application/json", "{\"x\":1}", refusedKey);
        HttpResponse<String> refusedAgain = post("/v1/authorizations:batch", "application/json", "{\"x\":1}",
                refusedKey);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refusedAgain.statusCode()).isEqualTo(400);
        assertThat(refusedAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(refusedAgain.body()).isEqualTo(refused.body());
    }

    @Test
    void nearRealtimeSourcesPublishInMicroBatchesAndBatchSourcesOnlyWhenReleased() throws Exception {
        HttpResponse<String> near = post("/v1/authorizations", "application/json", body("NEAR-1", "ecom-gateway"),
                Map.of());
        HttpResponse<String> held = post("/v1/authorizations", "application/json", body("HELD-1", "acquirer-batch"),
                Map.of());
        assertThat(EventJson.mapper().readTree(near.body()).get("delivery").asString()).isEqualTo("NEAR_REALTIME");
        assertThat(EventJson.mapper().readTree(held.body()).get("delivery").asString()).isEqualTo("BATCH");

        await().atMost(Duration.ofSeconds(30)).until(() -> published("NEAR-1") == 1); // after at most max-delay
        assertThat(published("HELD-1")).isZero();
        JsonNode sources = get("/v1/sources");
        assertThat(sources.findValues("sourceId").stream().map(JsonNode::asString).toList())
                .contains("pos-switch", "ecom-gateway", "acquirer-batch");

        assertThat(post("/v1/sources/acquirer-batch/release", "application/json", "", Map.of()).statusCode())
                .isEqualTo(400); // who releases must be named
        HttpResponse<String> released = post("/v1/sources/acquirer-batch/release", "application/json", "",
                Map.of("X-Changed-By", "ops"));
        assertThat(EventJson.mapper().readTree(released.body()).get("released").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> published("HELD-1") == 1);
    }

    @Test
    void aCsvFileBecomesAJobThatAcceptsGoodLinesAndReportsBadOnesByLine() throws Exception {
        StringBuilder csv = new StringBuilder("authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,"
                + "merchantCity,merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime\n");
        int lines = 1000;
        for (int i = 0; i < lines; i++) {
            String name = i == 10 ? "Shop 4111111111111111" : "\"Shop, No " + i + "\"";
            String currency = i == 20 ? "QQQ" : "GBP";
            csv.append("FILE-%04d,CTK000001,40001234,M-1,%s,5411,London,GB,%d,%s,%06d,%012d,A1B2C3,2026-11-21T10:00:00Z\n"
                    .formatted(i, name, 100 + i, currency, i, 800_000_000L + i));
        }
        HttpResponse<String> created = post("/v1/ingest-jobs?sourceId=acquirer-batch", "text/csv", csv.toString(),
                Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String location = created.headers().firstValue("Location").orElseThrow();

        await().atMost(Duration.ofSeconds(60)).until(() -> get(location).get("status").asString().equals("COMPLETED"));
        JsonNode job = get(location);
        assertThat(job.get("accepted").asInt()).isEqualTo(lines - 2);
        assertThat(job.get("rejected").asInt()).isEqualTo(2);
        assertThat(job.get("linesRead").asInt()).isEqualTo(lines + 1);
        assertThat(job.get("errors").valueStream().map(e -> e.get("line").asInt() + ":" + e.get("field").asString())
                .toList()).containsExactly("12:merchantName", "22:amount.currency");
        assertThat(get(location).toString()).doesNotContain("4111111111111111");

        assertThat(post("/v1/ingest-jobs?sourceId=pos-switch", "text/csv", csv.toString(), Map.of()).statusCode())
                .isEqualTo(400); // pos-switch may not send files
        post("/v1/sources/acquirer-batch/release", "application/json", "", Map.of("X-Changed-By", "ops"));
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.readAll(RECEIVED).stream()
                .filter(r -> r.key().startsWith("FILE-")).count() == lines - 2);
    }

    @Test
    void anNdjsonFileOfANearRealtimeSourceIsIngestedLineByLine() throws Exception {
        String ndjson = body("ND-1", "ecom-gateway").replace("\n", "") + "\n"
                + body("ND-2", "ecom-gateway").replace("\n", "") + "\n" + "{not json\n";
        HttpResponse<String> created = post("/v1/ingest-jobs?sourceId=ecom-gateway", "application/x-ndjson", ndjson,
                Map.of());
        String location = created.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> get(location).get("status").asString().equals("COMPLETED"));
        JsonNode job = get(location);
        assertThat(job.get("accepted").asInt()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> published("ND-1", "ND-2") == 2);
    }
}
