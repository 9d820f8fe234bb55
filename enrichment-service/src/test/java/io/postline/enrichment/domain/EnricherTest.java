package io.postline.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AccountRef;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionEnriched;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnricherTest {
    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    static AccountRef account(String number, String ccy, String status) {
        return new AccountRef(number, null, "20-32-06", "Leeds Park Row", ccy, status, "J. Smith", "PERSONAL",
                "RETAIL", "CURRENT", "DEBIT_BALANCE");
    }

    static final Map<String, CardRecord> CARDS = Map.of(
            "CTKGBP0001", new CardRecord(account("41000001", "GBP", "OPEN"), "GB"),
            "CTKJPY0001", new CardRecord(account("41000551", "JPY", "OPEN"), "GB"),
            "CTKBHD0001", new CardRecord(account("41000556", "BHD", "OPEN"), null),
            "CTKCLOSED1", new CardRecord(account("49999999", "GBP", "CLOSED"), "GB"),
            "CTKBLOCKD1", new CardRecord(account("49999998", "GBP", "BLOCKED"), "GB"));
    static final Map<String, FxRate> RATES = Map.of(
            "EURGBP", new FxRate("EUR", "GBP", new BigDecimal("0.850999"), "TEST", AT.minusSeconds(3600)),
            "GBPJPY", new FxRate("GBP", "JPY", new BigDecimal("191.7293"), "TEST", AT.minusSeconds(3600)),
            "EURBHD", new FxRate("EUR", "BHD", new BigDecimal("0.40795"), "TEST", AT.minusSeconds(3600)),
            "USDGBP", new FxRate("USD", "GBP", new BigDecimal("0.7843"), "TEST", AT.plusSeconds(3600)));
    static final ReferenceLookup LOOKUP = new ReferenceLookup() {
        public Optional<CardRecord> card(String token) {
            return Optional.ofNullable(CARDS.get(token));
        }

        public Optional<FxRate> rate(String from, String to, Instant at) {
            return Optional.ofNullable(RATES.get(from + to)).filter(r -> !r.validFrom().isAfter(at));
        }

        public Optional<String> merchantCategory(String mcc) {
            return Optional.of("Eating Places and Restaurants").filter(d -> mcc.equals("5812"));
        }
    };

    static StandardizedTransaction tx(String token, long minor, String ccy) {
        return new StandardizedTransaction("A-1", "m", "pos-switch", token, "40001234",
                new Merchant("M-1", "Le Petit Bistro", "5812", "Paris", "FR"), new Money(minor, ccy), null, "000001",
                "000000000001", "A1B2C3", AT, null, null, null);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            // token, amount, currency, outcome, posted minor, rounding difference, mode
            "CTKGBP0001, 1250, GBP, ENRICHED, 1250, -, HALF_EVEN",
            "CTKUNKNOWN, 1250, GBP, UNKNOWN_CARD, -, -, HALF_EVEN",
            "CTKCLOSED1, 1250, GBP, ACCOUNT_CLOSED, -, -, HALF_EVEN",
            "CTKBLOCKD1, 1250, GBP, ENRICHED, 1250, -, HALF_EVEN",
            "CTKGBP0001, 4380, EUR, ENRICHED, 3727, 0.0037562, HALF_EVEN",
            "CTKGBP0001, 4380, EUR, ENRICHED, 3728, -0.0062438, UP",
            "CTKJPY0001, 1250, GBP, ENRICHED, 2397, -0.38375, HALF_EVEN",
            "CTKGBP0001, 1000, USD, NO_FX_RATE, -, -, HALF_EVEN",
            "CTKGBP0001, 1000, SEK, NO_FX_RATE, -, -, HALF_EVEN",
            "CTKBHD0001, 4380, EUR, ENRICHED, 17868, 0.00021, HALF_EVEN",
            "CTKGBP0001, 1, EUR, ENRICHED, 1, -0.00149001, HALF_EVEN"})
    void everyTransactionGetsAnExplicitOutcome(String token, long minor, String ccy, String expected, Long posted,
                                               String difference, RoundingMode mode) {
        String outcome = switch (Enricher.enrich(tx(token, minor, ccy), LOOKUP, mode)) {
            case Enricher.Outcome.Enriched e -> {
                TransactionEnriched ev = e.event();
                assertThat(ev.postingAmount().amountMinor()).isEqualTo(posted);
                assertThat(ev.postingAmount().currency()).isEqualTo(ev.account().currency());
                if (difference == null) {
                    assertThat(ev.fx()).isNull();
                } else {
                    assertThat(ev.fx().roundingDifference()).isEqualByComparingTo(difference);
                    assertThat(ev.fx().original().toDecimal().multiply(ev.fx().rate()))
                            .as("converted + difference = exact").isEqualByComparingTo(
                                    ev.fx().converted().toDecimal().add(ev.fx().roundingDifference()));
                    assertThat(ev.fx().roundingMode()).isEqualTo(mode.name());
                    assertThat(ev.description()).endsWith("(" + ccy + " " + new Money(minor, ccy).toDecimal() + ")");
                }
                assertThat(ev.merchantCategory()).isEqualTo("Eating Places and Restaurants");
                yield "ENRICHED";
            }
            case Enricher.Outcome.Held h -> h.reasonCode();
        };
        assertThat(outcome).isEqualTo(expected);
    }
}
