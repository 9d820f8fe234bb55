package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenModelSenderTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRequestRefusedForOverloadIsSentAgainAndEachRefusalCountsByKind() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/authorizations", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int call = calls.incrementAndGet();
            // Refused twice (once shed, once rate-limited), then accepted.
            int status = call == 1 ? 503 : call == 2 ? 429 : 202;
            exchange.getResponseHeaders().add("Retry-After", "0");
            byte[] problem = status == 503 ? """
                    {"type":"https://postline.io/problems/overloaded","title":"Too many requests at once",\
                    "status":503}""".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, problem.length == 0 ? -1 : problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
        });
        server.start();
        var sender = new OpenModelSender(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort(), "Bearer t");

        var result = sender.send(List.of(new OpenModelSender.Request("/v1/authorizations", "{}", List.of("A-1"))),
                100);

        assertThat(result.allAccepted()).isTrue();
        assertThat(result.statuses()).isEqualTo(Map.of(202, 1));
        assertThat(result.retries()).isEqualTo(2);
        assertThat(result.overloads()).isEqualTo(Map.of("503 overloaded", 1, "429", 1));
    }

    @Test
    void anOverloadAnswerIsNamedByItsProblemTypeWhenItHasOne() {
        assertThat(OpenModelSender.kind(503, "{\"type\": \"https://postline.io/problems/not-stored-in-time\"}"))
                .isEqualTo("503 not-stored-in-time");
        assertThat(OpenModelSender.kind(503, "Service Unavailable")).isEqualTo("503");
        assertThat(OpenModelSender.kind(429, null)).isEqualTo("429");
    }

    @Test
    void aServerThatNeverAnswersIsTriedEveryAttemptAndNamedByTheClientsException() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var sender = new OpenModelSender(HttpClient.newHttpClient(), "http://127.0.0.1:" + closedPort, "Bearer t");

        var result = sender.send(List.of(new OpenModelSender.Request("/v1/authorizations", "{}", List.of("A-1"))),
                100);

        assertThat(result.allAccepted()).isFalse();
        assertThat(result.statuses()).isEqualTo(Map.of(-1, 1));
        assertThat(result.retries()).isEqualTo(OpenModelSender.ATTEMPTS - 1);
        assertThat(result.overloads()).isEqualTo(Map.of("ConnectException", OpenModelSender.ATTEMPTS));
    }
}
