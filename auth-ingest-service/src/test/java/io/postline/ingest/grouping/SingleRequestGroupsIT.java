package io.postline.ingest.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.Topic;
import io.postline.ingest.AuthorizationAcceptance;
import io.postline.ingest.idempotency.IdempotentExecution;
import io.postline.ingest.store.ReceivedAuthorizations.Received;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

// Far fewer request threads than requests that wait: a waiting request must not hold one.
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0",
        "server.tomcat.threads.max=" + SingleRequestGroupsIT.REQUEST_THREADS,
        "postline.ingest.single-requests.max-waiting=" + SingleRequestGroupsIT.MAX_WAITING})
class SingleRequestGroupsIT {
    static final int REQUEST_THREADS = 20;
    static final int MAX_WAITING = 200;
    private static final TopicProbe probe = TopicProbe.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SingleRequestGroups groups;
    @Autowired
    AuthorizationAcceptance acceptance;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Autowired
    IdempotentExecution idempotent;

    static String body(String authorizationId, long amountMinor) {
        return """
                {"authorizationId":"%s","sourceId":"pos-switch","cardToken":"CTK000001","acquirerId":"40001234",
                 "merchant":{"merchantId":"M-1","name":"Corner Coffee","mcc":"5814","city":"London","country":"GB"},
                 "amount":{"amountMinor":%d,"currency":"GBP"},"stan":"000123","rrn":"632410004217",
                 "approvalCode":"A1B2C3","transmissionTime":"2026-11-20T10:15:30Z"}""".formatted(authorizationId, amountMinor);
    }

    CompletableFuture<HttpResponse<String>> post(String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/authorizations"))
                .header("Authorization", TestTokens.bearerAll()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int stored(String idLike) {
        return jdbc.queryForObject("select count(*) from authorization_received where authorization_id like ?",
                Integer.class, idLike);
    }

    @Test
    void concurrentSingleRequestsAreStoredTogetherAndEachIsAnsweredForItself() throws Exception {
        long groupsBefore = meters.get("postline.ingest.single.group.size").summary().count();
        // Hold the committer: its first group's claim waits on a key another transaction has inserted, so that
        // every request below is queued before the next group forms, however fast this machine is.
        List<CompletableFuture<HttpResponse<String>>> plain = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> keyed = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> sameKey = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> held;
        CompletableFuture<HttpResponse<String>> invalid;
        // closed (and its insert rolled back) even if a wait fails, so no later test meets the held key's lock
        try (Connection blocker = keyHeldByAnotherTransaction("group-blocker")) {
            held = post(body("GROUP-HELD", 4100), "group-blocker");
            awaitCommitterHeld();
            for (int i = 0; i < 60; i++) {
                plain.add(post(body("GROUP-P-" + i, 100 + i), null));
                keyed.add(post(body("GROUP-K-" + i, 100 + i), "group-key-" + i));
                sameKey.add(post(body("GROUP-SAME", 4200), "group-same-key"));
            }
            invalid = post("{\"authorizationId\": \"GROUP-BAD\"}", "group-bad-key");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.get("postline.ingest.single.waiting").gauge().value() == 181);
            blocker.rollback(); // the held request now claims its key, and the 181 queued ones follow
        }
        assertThat(held.join().statusCode()).isEqualTo(202);

        List<HttpResponse<String>> plainAnswers = plain.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> keyedAnswers = keyed.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> sameKeyAnswers = sameKey.stream().map(CompletableFuture::join).toList();

        assertThat(plainAnswers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        assertThat(keyedAnswers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        for (int i = 0; i < 60; i++) {
            assertThat(EventJson.mapper().readTree(plainAnswers.get(i).body()).get("authorizationId").asString())
                    .as("each request gets its own answer").isEqualTo("GROUP-P-" + i);
            assertThat(EventJson.mapper().readTree(keyedAnswers.get(i).body()).get("authorizationId").asString())
                    .isEqualTo("GROUP-K-" + i);
        }
        assertThat(sameKeyAnswers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).as("one key, one answer").isEqualTo(sameKeyAnswers.getFirst().body());
        });
        assertThat(sameKeyAnswers.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()))
                .as("the key's first request only").hasSize(1);
        HttpResponse<String> reused = post(body("GROUP-OTHER", 4200), "group-key-0").join();
        assertThat(reused.statusCode()).as("a key used for another body").isEqualTo(409);
        assertThat(invalid.join().statusCode()).isEqualTo(400);
        HttpResponse<String> invalidAgain = post("{\"authorizationId\": \"GROUP-BAD\"}", "group-bad-key").join();
        assertThat(invalidAgain.statusCode()).as("a refusal is kept under its key too").isEqualTo(400);
        assertThat(invalidAgain.headers().firstValue("Idempotent-Replayed")).contains("true");

        assertThat(stored("GROUP-P-%")).isEqualTo(60);
        assertThat(stored("GROUP-SAME")).as("a key's work is done once").isOne();
        assertThat(stored("GROUP-BAD")).isZero();
        assertThat(stored("GROUP-OTHER")).isZero();
        Set<String> eventIds = plainAnswers.stream().map(r -> EventJson.mapper().readTree(r.body())
                .get("eventId").asString()).collect(Collectors.toSet());
        probe.awaitRecords(Topic.AUTHORIZATION_RECEIVED.topicName(), all -> all.stream()
                .map(r -> TopicProbe.eventId(r).toString()).collect(Collectors.toSet()).containsAll(eventIds));
        var sizes = meters.get("postline.ingest.single.group.size").summary();
        // the held one; then the 181 queued, of which the key sent 60 times takes one group per repeat; then two
        assertThat(sizes.count() - groupsBefore).as("184 requests stored in 63 transactions").isEqualTo(1 + 60 + 2);
    }

    @Test
    void requestsBeyondMaxWaitingAreAnswered503AtOnceAndNothingOfThemIsStored() throws Exception {
        double turnedAwayBefore = meters.get("postline.ingest.requests.turned.away").counter().count();
        List<CompletableFuture<HttpResponse<String>>> waitingAnswers = new ArrayList<>();
        List<HttpResponse<String>> overflowAnswers = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> held;
        try (Connection blocker = keyHeldByAnotherTransaction("overload-blocker")) {
            held = post(body("OVER-HELD", 4100), "overload-blocker");
            awaitCommitterHeld();
            for (int i = 0; i < MAX_WAITING; i++) {
                waitingAnswers.add(post(body("OVER-W-" + i, 100 + i), "over-w-" + i));
            }
            // ten times as many as there are request threads: only possible when none is held while waiting
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.get("postline.ingest.single.waiting").gauge().value() == MAX_WAITING);
            for (int i = 0; i < 25; i++) {
                // answered while the group is still held: the guard only keeps a broken build from hanging
                overflowAnswers.add(post(body("OVER-X-" + i, 100 + i), "over-x-" + i).get(30, TimeUnit.SECONDS));
            }
            blocker.rollback();
        }
        assertThat(overflowAnswers).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("2");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(EventJson.mapper().readTree(r.body()).get("type").asString()).endsWith("/overloaded");
        });
        assertThat(meters.get("postline.ingest.requests.turned.away").counter().count() - turnedAwayBefore)
                .isEqualTo(25);
        assertThat(held.join().statusCode()).isEqualTo(202);
        assertThat(waitingAnswers).allSatisfy(r -> assertThat(r.join().statusCode()).as(r.join().body())
                .isEqualTo(202));
        assertThat(stored("OVER-X-%")).as("nothing of a turned-away request is stored").isZero();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key like 'over-x-%'",
                Integer.class)).as("nor its key, so that sending it again takes effect").isZero();

        List<HttpResponse<String>> again = IntStream.range(0, 25).mapToObj(i ->
                post(body("OVER-X-" + i, 100 + i), "over-x-" + i)).toList().stream().map(CompletableFuture::join)
                .toList();
        assertThat(again).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        assertThat(stored("OVER-W-%")).isEqualTo(MAX_WAITING);
        assertThat(stored("OVER-X-%")).isEqualTo(25);
    }

    @Test
    void aRequestThatFailsInItsGroupFailsAloneAndTheOthersAreStored() {
        jdbc.execute("""
                create or replace function refuse_group_poison() returns trigger language plpgsql as $$
                begin
                  if new.authorization_id = 'GROUP-POISON' then raise exception 'refused by the test'; end if;
                  return new;
                end $$;
                drop trigger if exists refuse_group_poison on authorization_received;
                create trigger refuse_group_poison before insert on authorization_received
                  for each row execute function refuse_group_poison();""");
        try {
            List<SingleRequest> group = IntStream.range(0, 3).mapToObj(i -> request(
                    i == 1 ? "GROUP-POISON" : "GROUP-ALONE-" + i, i == 2 ? "group-alone-key" : null)).toList();

            groups.store(group);

            assertThat(group.get(0).result().join().getStatusCode().value()).isEqualTo(202);
            assertThat(group.get(1).result()).isCompletedExceptionally();
            assertThat(group.get(2).result().join().getStatusCode().value()).isEqualTo(202);
            assertThat(stored("GROUP-ALONE-%")).isEqualTo(2);
            assertThat(stored("GROUP-POISON")).isZero();
            assertThat(jdbc.queryForObject("select status from idempotency_key where idempotency_key = ?",
                    Integer.class, "group-alone-key")).isEqualTo(202);
        } finally {
            jdbc.execute("drop trigger refuse_group_poison on authorization_received; "
                    + "drop function refuse_group_poison()");
        }
    }

    /**
     * A transaction that has inserted the key and not committed: the group that claims it waits on its lock, and
     * so does the one committer thread, until the connection is rolled back or closed.
     */
    private Connection keyHeldByAnotherTransaction(String key) throws Exception {
        Connection blocker = dataSource.getConnection();
        blocker.setAutoCommit(false);
        try (var insert = blocker.prepareStatement("insert into idempotency_key (idempotency_key, endpoint, "
                + "request_hash, status, response) values (?, ?, 'held', 0, '')")) {
            insert.setString(1, key);
            insert.setString(2, GroupCommit.ENDPOINT);
            insert.executeUpdate();
        }
        return blocker;
    }

    private void awaitCommitterHeld() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into idempotency_key%'",
                Integer.class) == 1);
    }

    private SingleRequest request(String authorizationId, String key) {
        var event = new AuthorizationReceived(authorizationId, "pos-switch", "CTK000001", "40001234",
                new Merchant("M-1", "Corner Coffee", "5814", "London", "GB"), new Money(1250, "GBP"), null, "000123",
                "632410004217", "A1B2C3", Instant.parse("2026-11-20T10:15:30Z"), Instant.now(), null, null);
        UUID eventId = EventIds.timeOrdered();
        var entering = acceptance.enter(new Received(eventId, event, null), false, null);
        ResponseEntity<?> answer = ResponseEntity.accepted()
                .body(Map.of("authorizationId", authorizationId, "eventId", eventId));
        return key == null ? SingleRequest.unkeyed(entering, answer)
                : SingleRequest.keyed(key, "hash-" + authorizationId, idempotent.answerBody(answer), entering, answer);
    }
}
