package io.postline.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.DuplicateReason;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.Money;
import io.postline.events.PostingPosted;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ReconciliationIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @LocalServerPort
    int port;

    static PostingPosted posted(String authorizationId, long minor) {
        PostingPosted p = (PostingPosted) SampleEvents.of(Topic.POSTING_POSTED);
        return new PostingPosted(authorizationId, UUID.randomUUID(), UUID.randomUUID(), new Money(minor, "GBP"),
                p.lines(), p.postedAt());
    }

    @Test
    void everyKindOfOutcomeIsClassifiedAndSummarised() throws Exception {
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-MATCH"));
        probe.sendEvent(UUID.randomUUID(), posted("R-MATCH", 1250));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-WAIT"));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-DUP"));
        probe.sendEvent(UUID.randomUUID(), new AuthorizationDuplicate("R-DUP", SampleEvents.received("R-DUP"),
                DuplicateReason.BUSINESS_DUPLICATE, "R-MATCH", EventIds.of("x"), SampleEvents.T0));
        probe.sendEvent(UUID.randomUUID(), posted("R-ORPHAN", 1250));
        probe.sendEvent(UUID.randomUUID(), SampleEvents.received("R-MISMATCH"));
        probe.sendEvent(UUID.randomUUID(), posted("R-MISMATCH", 1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode s = get("/v1/reconciliation/summary");
            assertThat(s.get("authorizations").asLong()).isEqualTo(5);
            assertThat(s.get("matched").asLong()).isEqualTo(1);
            assertThat(s.get("awaitingPosting").asLong()).isEqualTo(1);
            assertThat(s.get("parkedDuplicates").asLong()).isEqualTo(1);
            assertThat(s.get("orphanPostings").asLong()).isEqualTo(1);
            assertThat(s.get("amountMismatches").asLong()).isEqualTo(1);
            assertThat(s.get("openBreaks").asLong()).isEqualTo(2);
        });
        assertThat(get("/v1/reconciliation/items/R-MATCH").get("status").asString()).isEqualTo("MATCHED");
        HttpResponse<String> missing = send("/v1/reconciliation/items/NOPE");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
