package io.postline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.AccountRef;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.Merchant;
import io.postline.events.PipelineEvent;
import io.postline.events.PostingLeg;
import io.postline.events.SampleEvents;
import io.postline.events.StandardizedTransaction;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionHeld;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "postline.rules.check-interval=500ms"})
class RulesStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    static TransactionEnriched enriched(String id, String mcc, String status) {
        TransactionEnriched base = (TransactionEnriched) SampleEvents.of(Topic.TRANSACTION_ENRICHED);
        StandardizedTransaction t = base.transaction();
        AccountRef a = base.account();
        return new TransactionEnriched(id, new StandardizedTransaction(id, t.messageId(), t.sourceId(), t.cardToken(),
                t.acquirerId(), new Merchant("M-1", "Shop", mcc, "Leeds", "GB"), t.amount(), null, t.stan(), t.rrn(),
                t.approvalCode(), t.transmissionTime(), null, null, null),
                new AccountRef(a.accountNumber(), a.iban(), a.sortCode(), a.branchName(), a.currency(), status,
                        a.holderName(), a.holderType(), a.segment(), a.productType(), a.postingBehaviour()),
                t.amount(), null, "Shop, Leeds", "GB", null);
    }

    static List<ConsumerRecord<String, byte[]>> records(Topic topic, String key, int atLeast) {
        return probe.awaitRecords(topic.topicName(), all -> all.stream().filter(r -> key.equals(r.key())).count() >= atLeast)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    static <T extends PipelineEvent> T payload(ConsumerRecord<String, byte[]> r, Topic topic, Class<T> type) {
        EventSchemas.assertConforms(topic, r.value());
        return TopicProbe.payload(r, topic, type);
    }

    @Test
    void postsHoldsAndRejectsByTheDefaultRulesAndAuditsEveryDecision() {
        UUID input = UUID.randomUUID();
        probe.sendEvent(input, enriched("RUL-POST", "5812", "OPEN"));
        probe.sendEvent(UUID.randomUUID(), enriched("RUL-HOLD", "7995", "OPEN"));
        probe.sendEvent(UUID.randomUUID(), enriched("RUL-REJECT", "5812", "BLOCKED"));

        List<PostingLeg> legs = records(Topic.POSTING_LEG, "RUL-POST", 2).stream()
                .map(r -> payload(r, Topic.POSTING_LEG, PostingLeg.class)).toList();
        assertThat(legs).hasSize(2).allSatisfy(l -> {
            assertThat(l.ruleId()).isEqualTo("domestic-purchase");
            assertThat(l.ruleSetVersion()).isEqualTo("1");
            assertThat(l.postingSequenceId()).isEqualTo(EventIds.derive(input, "rules/sequence", 0));
        });
        TransactionHeld hold = payload(records(Topic.TRANSACTION_HELD, "RUL-HOLD", 1).getFirst(), Topic.TRANSACTION_HELD,
                TransactionHeld.class);
        assertThat(hold.disposition()).isEqualTo("HOLD");
        assertThat(hold.reasonCode()).isEqualTo("RESTRICTED_MCC");
        assertThat(hold.ruleId()).isEqualTo("restricted-mcc");
        TransactionHeld reject = payload(records(Topic.TRANSACTION_HELD, "RUL-REJECT", 1).getFirst(),
                Topic.TRANSACTION_HELD, TransactionHeld.class);
        assertThat(reject.disposition()).isEqualTo("REJECT");
        assertThat(reject.reasonCode()).isEqualTo("ACCOUNT_NOT_OPEN");
        assertThat(jdbc.queryForObject("select array_to_string(fired_rules, ',') from rule_decision "
                + "where authorization_id = 'RUL-HOLD'", String.class)).isEqualTo("restricted-mcc,domestic-purchase");
        assertThat(jdbc.queryForObject("select rule_set_version || ':' || decisive_rule || ':' || outcome from rule_decision "
                + "where authorization_id = 'RUL-POST'", String.class)).isEqualTo("1:domestic-purchase:POST");
    }

    @Test
    void anInputDecidedBeforeWhoseInboxAndOutboxRowsArePurgedIsRunAgainAndItsDecisionKeptOnce() {
        UUID input = UUID.randomUUID();
        TransactionEnriched event = enriched("RUL-RERUN", "5812", "OPEN");
        probe.sendEvent(input, event);
        records(Topic.POSTING_LEG, "RUL-RERUN", 2);
        Object decidedAt = jdbc.queryForObject("select decided_at from rule_decision where event_id = ?", Object.class,
                input);
        double rerunsBefore = meters.find("postline.stage.batch.reruns").counter().count();

        // As after the inbox's and the outbox's retention: only the decision's audit row remembers the input. The
        // first run's plain inserts of inbox and outbox succeed, its plain decision insert fails.
        jdbc.update("delete from inbox where event_id = ?", input);
        jdbc.update("delete from outbox where cause_id = ?", input);
        probe.sendEvent(input, event);
        // Same key, so the same partition, processed after it: once its legs are out, the rerun is done.
        UUID marker = UUID.randomUUID();
        probe.sendEvent(marker, enriched("RUL-RERUN", "5812", "OPEN"));
        probe.awaitRecords(Topic.POSTING_LEG.topicName(), all -> all.stream()
                .anyMatch(r -> TopicProbe.eventId(r).equals(EventIds.derive(marker, "rules", 0))));

        assertThat(meters.find("postline.stage.batch.reruns").counter().count()).isGreaterThan(rerunsBefore);
        assertThat(jdbc.queryForList("select decided_at from rule_decision where event_id = ?", Object.class, input))
                .as("the decision recorded first, kept as it was").containsExactly(decidedAt);
        assertThat(jdbc.queryForObject("select count(*) from inbox where event_id = ?", Integer.class, input)).isOne();
    }

    @Test
    void anInvalidRuleSetIsRefusedWithEveryProblemAndAValidOneTakesEffectWithoutARestart() throws Exception {
        HttpResponse<String> invalid = post(ActiveRuleSet.defaultDefinition().replace("cardIssuingCountry == null",
                "cardIssuingCountry ==").replace("reason: RESTRICTED_MCC", "reason: restricted"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode problem = EventJson.mapper().readTree(invalid.body());
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").toString()).contains("missing-issuing-country").contains("restricted-mcc");

        HttpResponse<String> saved = post(ActiveRuleSet.defaultDefinition().replace(
                "when: \"transactionType == 'PURCHASE'\"\n    outcome: post\n    template:\n      cardholder: debit\n"
                        + "      counterAccount: \"GL-CARD-SETTLEMENT-{currency}\"",
                "when: \"transactionType == 'PURCHASE'\"\n    outcome: post\n    template:\n      cardholder: debit\n"
                        + "      counterAccount: \"GL-CARD-CLEARING-{currency}\""));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        int version = EventJson.mapper().readTree(saved.body()).get("version").asInt();
        assertThat(version).isGreaterThan(1);

        probe.sendEvent(UUID.randomUUID(), enriched("RUL-V2", "5812", "OPEN"));
        List<PostingLeg> legs = records(Topic.POSTING_LEG, "RUL-V2", 2).stream()
                .map(r -> payload(r, Topic.POSTING_LEG, PostingLeg.class)).toList();
        assertThat(legs).extracting(PostingLeg::accountNumber).contains("GL-CARD-CLEARING-GBP");
        assertThat(legs).allSatisfy(l -> assertThat(l.ruleSetVersion()).isEqualTo(Integer.toString(version)));

        JsonNode history = EventJson.mapper().readTree(get("/v1/rule-sets").body());
        assertThat(history.get(0).get("version").asInt()).isEqualTo(version);
        assertThat(history.get(0).get("createdBy").asString()).isEqualTo("ops@bank");
        assertThat(history.get(0).get("comment").asString()).isEqualTo("clearing account moved");
        assertThat(EventJson.mapper().readTree(get("/v1/rule-sets/active").body()).get("version").asInt()).isEqualTo(version);
        assertThatThrownBy(() -> jdbc.update("update rule_set set comment = 'edited' where version = 1"))
                .isInstanceOf(DataAccessException.class);
    }

    private HttpResponse<String> post(String yaml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/rule-sets")).header("Authorization", TestTokens.bearerAll())
                .header("Content-Type", "application/yaml").header("X-Changed-By", "ops@bank")
                .header("X-Change-Reason", "clearing account moved")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
