package io.postline.rules.store;

import io.postline.rules.domain.RuleFacts;
import io.postline.rules.domain.RuleSet;
import io.postline.rules.domain.RuleSetCompiler;
import io.postline.rules.expression.SpelConditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rule set in force. On first start the default set from the repository becomes version 1. A newly
 * saved version takes effect at once here and, through a poll, on every other instance: no restart.
 */
@Component
public class ActiveRuleSet implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);
    public static final String DEFAULT_RESOURCE = "rules/default-rule-set.yaml";
    /** Facts every condition is tried on before a set is accepted, so an error shows at save time. */
    public static final List<RuleFacts> SAMPLES = List.of(
            new RuleFacts("PURCHASE", new BigDecimal("12.50"), "GBP", new BigDecimal("12.50"), "GBP", false, "5812",
                    "GB", "GB", "OPEN", "CURRENT", "PERSONAL", "RETAIL"),
            new RuleFacts("REFUND", new BigDecimal("4380"), "JPY", new BigDecimal("23.73"), "GBP", true, "7995",
                    "JP", null, "BLOCKED", "CREDIT_CARD", "BUSINESS", "SME"));

    private final RuleSetVersions versions;
    private final RuleSetCompiler.ConditionCompiler conditions = new SpelConditions();
    private volatile RuleSet current;

    public ActiveRuleSet(RuleSetVersions versions) {
        this.versions = versions;
    }

    @Override
    public void afterPropertiesSet() {
        if (versions.latest().isEmpty()) {
            versions.save(defaultDefinition(), "Default card posting rules", "bootstrap",
                    "default rule set from the repository");
        }
        reload();
    }

    public RuleSet current() {
        return current;
    }

    public RuleSetCompiler.Result compile(String version, String yaml) {
        try {
            return RuleSetCompiler.compile(version, RuleSetYaml.read(yaml), conditions, SAMPLES);
        } catch (IllegalArgumentException e) {
            return new RuleSetCompiler.Result.Invalid(List.of(e.getMessage()));
        }
    }

    @Scheduled(fixedDelayString = "${postline.rules.check-interval:5s}")
    public void reloadIfChanged() {
        if (current == null || versions.latestVersionNumber() != Integer.parseInt(current.version())) {
            reload();
        }
    }

    public synchronized void reload() {
        var latest = versions.latest().orElseThrow();
        switch (compile(Integer.toString(latest.version()), latest.definition())) {
            case RuleSetCompiler.Result.Compiled c -> {
                current = c.ruleSet();
                log.info("rule set version {} in force: {} rules", latest.version(), c.ruleSet().rules().size());
            }
            case RuleSetCompiler.Result.Invalid i ->
                    log.error("stored rule set version {} does not compile, keeping version {}: {}", latest.version(),
                            current == null ? "none" : current.version(), i.problems());
        }
    }

    public static String defaultDefinition() {
        try {
            return new ClassPathResource(DEFAULT_RESOURCE).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
