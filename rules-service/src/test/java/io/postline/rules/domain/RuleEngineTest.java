package io.postline.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleEngineTest {
    private static final RuleSet RULES = DefaultRuleSet.compiled();

    @ParameterizedTest(name = "{0} {1} {2} fx={3} mcc={4} issuer={5} status={6} -> {7}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "PURCHASE        | 12.50    | GBP | false | 5812 | GB | OPEN    | domestic-purchase       | domestic-purchase",
            "PURCHASE        | 37.27    | GBP | true  | 5812 | GB | OPEN    | foreign-purchase        | foreign-purchase,domestic-purchase",
            "CASH_WITHDRAWAL | 100.00   | GBP | false | 6011 | GB | OPEN    | cash-withdrawal         | cash-withdrawal",
            "REFUND          | 12.50    | GBP | false | 5812 | GB | OPEN    | refund                  | refund",
            "REFUND          | 20000.00 | GBP | false | 5812 | GB | OPEN    | refund                  | refund",
            "PURCHASE        | 20000.00 | GBP | false | 5812 | GB | OPEN    | high-value              | high-value,domestic-purchase",
            "PURCHASE        | 20000    | JPY | false | 5812 | GB | OPEN    | domestic-purchase       | domestic-purchase",
            "PURCHASE        | 50.00    | GBP | false | 7995 | GB | OPEN    | restricted-mcc          | restricted-mcc,domestic-purchase",
            "PURCHASE        | 50.00    | GBP | false | 5812 | GB | BLOCKED | account-not-open        | account-not-open,domestic-purchase",
            "PURCHASE        | 50.00    | GBP | false | 5812 | -  | OPEN    | missing-issuing-country | missing-issuing-country,domestic-purchase",
            "PURCHASE        | 20000.00 | GBP | true  | 7995 | -  | BLOCKED | missing-issuing-country | missing-issuing-country,account-not-open,restricted-mcc,high-value,foreign-purchase,domestic-purchase"})
    void theFirstRuleThatFiresDecidesAndEveryRuleThatFiresIsRecorded(String type, BigDecimal posting, String ccy,
                                                                     boolean fx, String mcc, String issuer, String status,
                                                                     String decisive, String fired) {
        RuleFacts facts = new RuleFacts(type, posting, ccy, posting, ccy, fx, mcc, "GB", issuer, status, "CURRENT",
                "PERSONAL", "RETAIL");
        RuleEngine.Decision d = RuleEngine.decide(RULES, facts);
        assertThat(d.decisiveId()).isEqualTo(decisive);
        assertThat(d.fired()).isEqualTo(List.of(fired.split(",")));
        assertThat(d.ruleSetVersion()).isEqualTo("1");
    }
}
