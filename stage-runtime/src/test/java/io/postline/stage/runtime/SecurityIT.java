package io.postline.stage.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.security.VerifiedTokenCache;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The one API security policy every service gets: 401 without a token, 403 with the wrong scope, 2xx with the right one. */
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=echo", "postline.database.schema=security_test"})
class SecurityIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    int call(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void everyApiCallNeedsATokenWithTheScopeOfItsKind() throws Exception {
        assertThat(call("GET", "/v1/echo", null)).isEqualTo(401);
        assertThat(call("GET", "/v1/echo", "Bearer not-a-jwt")).isEqualTo(401);
        assertThat(call("GET", "/v1/echo", TestTokens.bearer("authorizations:write"))).isEqualTo(403);
        assertThat(call("GET", "/v1/echo", TestTokens.bearer("operations:read"))).isEqualTo(200);

        assertThat(call("POST", "/v1/echo", null)).isEqualTo(401);
        assertThat(call("POST", "/v1/echo", TestTokens.bearer("operations:read"))).isEqualTo(403);
        assertThat(call("POST", "/v1/echo", TestTokens.bearer("operations:write"))).isEqualTo(200);

        assertThat(call("POST", "/v1/authorizations", null)).isEqualTo(401);
        assertThat(call("POST", "/v1/authorizations", TestTokens.bearer("operations:write"))).isEqualTo(403);
        assertThat(call("POST", "/v1/authorizations", TestTokens.bearer("authorizations:write"))).isEqualTo(200);
    }

    @Test
    void deadLettersAreReadWithTheReadScopeAndReplayedOnlyWithTheWriteScopeWhoAndWhy() throws Exception {
        assertThat(call("GET", "/v1/dead-letters", TestTokens.bearer("operations:read"))).isEqualTo(200);
        assertThat(call("POST", "/v1/dead-letters/replay?all=true", TestTokens.bearer("operations:read")))
                .isEqualTo(403);
        assertThat(call("POST", "/v1/dead-letters/replay?all=true", TestTokens.bearer("operations:write")))
                .isEqualTo(400); // no X-Changed-By / X-Change-Reason
        HttpResponse<String> nothingNamed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/dead-letters/replay")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", TestTokens.bearer("operations:write")).header("X-Changed-By", "j.smith")
                .header("X-Change-Reason", "fixed").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(nothingNamed.statusCode()).isEqualTo(400);
        assertThat(nothingNamed.body()).contains("authorizationId, reason, or all=true");
        HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/dead-letters/replay?authorizationId=NONE-SUCH")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", TestTokens.bearer("operations:write")).header("X-Changed-By", "j.smith")
                .header("X-Change-Reason", "fixed").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("\"count\":0");
    }

    @Test
    void aPathValueOfTheWrongTypeIsRefusedWithoutRepeatingIt() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/echo/secret-value-42")).header("Authorization", TestTokens.bearer("operations:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'id'").doesNotContain("secret-value-42"); // neither in detail nor instance
    }

    @Test
    void aRequestCarryingACardNumberAnywhereIsRefusedWith422AndNothingOfItIsRepeated() throws Exception {
        String token = TestTokens.bearer("operations:read operations:write");
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/echo/4111111111111111"))
                        .header("Authorization", token).GET().build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/echo?authorizationId=4111111111111111"))
                        .header("Authorization", token).GET().build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/echo"))
                        .header("Authorization", token).header("X-Change-Reason", "card 5555 5555 5555 4444").GET().build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/echo/body"))
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"378282246310005\"}")).build())) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.uri().toString()).isEqualTo(422);
            assertThat(r.body()).contains("card-data-refused").doesNotContain("4111111111111111")
                    .doesNotContain("5555").doesNotContain("378282246310005");
        }
        HttpResponse<String> clean = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/echo/body")).header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"ticket 42\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(clean.statusCode()).isEqualTo(200);
        assertThat(clean.body()).isEqualTo("{\"reason\":\"ticket 42\"}"); // the body still reaches the endpoint
    }

    @Test
    void anExpiredTokenIsRefusedAndHealthAndMetricsNeedNone() throws Exception {
        assertThat(call("GET", "/v1/echo", "Bearer " + TestTokens.expired("operations:read"))).isEqualTo(401);
        assertThat(call("GET", "/actuator/health", null)).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null)).isEqualTo(200);
        assertThat(call("GET", "/actuator/env", null)).isNotEqualTo(200); // not exposed
    }

    @Test
    void theResourceServerChecksATokenOnceAndStillRefusesAForgedOne() throws Exception {
        assertThat(decoder).isInstanceOf(VerifiedTokenCache.class);
        String token = TestTokens.bearer("operations:read");
        assertThat(call("GET", "/v1/echo", token)).isEqualTo(200);
        assertThat(call("GET", "/v1/echo", token)).isEqualTo(200);
        // Same header and claims, another signature: a different token, so it is checked, and refused.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertThat(call("GET", "/v1/echo", forged)).isEqualTo(401);
    }
}
