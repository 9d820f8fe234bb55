package io.postline.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionHeld;
import io.postline.events.TransactionStandardized;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TestTokens;
import io.postline.stage.test.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class EnrichmentStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @LocalServerPort
    int port;

    static TransactionStandardized standardized(String authorizationId, String cardToken, long minor, String ccy) {
        return new TransactionStandardized(authorizationId, "cain.001.001.04", "<Document/>",
                new StandardizedTransaction(authorizationId, "m", "pos-switch", cardToken, "40001234",
                        new Merchant("M-88231", "Le Petit Bistro", "5812", "Paris", "FR"), new Money(minor, ccy), null,
                        "000001", "000000000001", "A1B2C3", Instant.parse("2026-11-21T10:00:00Z"), null, null, null));
    }

    static <T extends io.postline.events.PipelineEvent> T await(Topic topic, String key, Class<T> type) {
        ConsumerRecord<String, byte[]> r = probe.awaitRecords(topic.topicName(),
                all -> all.stream().anyMatch(x -> key.equals(x.key()))).stream().filter(x -> key.equals(x.key()))
                .findFirst().orElseThrow();
        EventSchemas.assertConforms(topic, r.value());
        return TopicProbe.payload(r, topic, type);
    }

    @Test
    void enrichesFromTheSeededModelConvertsForeignAmountsAndHoldsWhatItCannotPost() {
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-OK", "CTK000007", 1250, "GBP"));
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-FX", "CTK000008", 4380, "EUR"));
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-CLOSED", "CTK900001", 1250, "GBP"));
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-NORATE", "CTK000009", 1250, "NZD"));

        TransactionEnriched ok = await(Topic.TRANSACTION_ENRICHED, "ENR-OK", TransactionEnriched.class);
        assertThat(ok.account().accountNumber()).isEqualTo("41000007");
        assertThat(ok.account().iban()).startsWith("GB").hasSize(22);
        assertThat(ok.account().sortCode()).matches("[0-9]{2}-[0-9]{2}-[0-9]{2}");
        assertThat(ok.account().branchName()).isNotBlank();
        assertThat(ok.account().holderType()).isIn("PERSONAL", "BUSINESS");
        assertThat(ok.account().productType()).isIn("CURRENT", "SAVINGS", "BUSINESS", "CREDIT_CARD");
        assertThat(ok.cardIssuingCountry()).isEqualTo("GB");
        assertThat(ok.merchantCategory()).isEqualTo("Eating Places and Restaurants");
        assertThat(ok.fx()).isNull();

        TransactionEnriched fx = await(Topic.TRANSACTION_ENRICHED, "ENR-FX", TransactionEnriched.class);
        assertThat(fx.postingAmount().currency()).isEqualTo("GBP");
        assertThat(fx.fx().rateSource()).isEqualTo("SAMPLE-ECB-STYLE");
        assertThat(fx.fx().roundingMode()).isEqualTo("HALF_EVEN");
        assertThat(fx.description()).isEqualTo("Le Petit Bistro, Paris (EUR 43.80)");

        assertThat(await(Topic.TRANSACTION_HELD, "ENR-CLOSED", TransactionHeld.class).reasonCode()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(await(Topic.TRANSACTION_HELD, "ENR-NORATE", TransactionHeld.class).reasonCode()).isEqualTo("NO_FX_RATE");
    }

    @Test
    void importsReportRejectsByLineAndTakeEffectWithoutARestart() throws Exception {
        JsonNode accounts = post("/v1/reference-data/accounts", """
                account_number,iban,sort_code,currency,status,holder_id,holder_name,holder_type,segment,product_code,card_token,issuing_country
                41077777,GB82WEST12345698765432,20-32-06,GBP,OPEN,H77777,"Smith, Jane",PERSONAL,RETAIL,PCA,CTK077777,GB
                41077778,GB82WEST12345698765433,20-32-06,GBP,OPEN,H77778,Bad Iban,PERSONAL,RETAIL,PCA,CTK077778,GB
                41077779,,99-99-99,QQQ,OPEN,H77779,Bad Branch,PERSONAL,RETAIL,PCA,CTK077779,GB
                """);
        assertThat(accounts.get("accepted").asLong()).isEqualTo(1);
        assertThat(accounts.get("rejected").asLong()).isEqualTo(2);
        assertThat(accounts.get("rejects").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(accounts.get("rejects").get(1).get("line").asLong()).isEqualTo(4);
        assertThat(accounts.get("rejects").get(1).get("errors").toString()).contains("99-99-99").contains("ISO 4217");

        JsonNode rates = post("/v1/reference-data/fx-rates", """
                base_currency,quote_currency,rate,source,valid_from
                ZAR,GBP,0.0433,TEST-IMPORT,2026-11-01T00:00:00Z
                """);
        assertThat(rates.get("accepted").asLong()).isEqualTo(1);

        probe.sendEvent(UUID.randomUUID(), standardized("ENR-IMPORTED", "CTK077777", 10000, "ZAR"));
        TransactionEnriched imported = await(Topic.TRANSACTION_ENRICHED, "ENR-IMPORTED", TransactionEnriched.class);
        assertThat(imported.account().holderName()).isEqualTo("Smith, Jane");
        assertThat(imported.postingAmount()).isEqualTo(new Money(433, "GBP"));
        assertThat(imported.fx().rateSource()).isEqualTo("TEST-IMPORT");
    }

    @Test
    void aFileWithTheWrongHeaderIsRejectedWhole() throws Exception {
        JsonNode report = post("/v1/reference-data/fx-rates", "from,to,rate\nEUR,GBP,0.85\n");
        assertThat(report.get("accepted").asLong()).isZero();
        assertThat(report.get("rejects").get(0).get("errors").get(0).asString()).startsWith("the header must be");
    }

    private JsonNode post(String path, String csv) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Authorization", TestTokens.bearerAll()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }
}
