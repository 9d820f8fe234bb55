package io.postline.rules.store;

import io.postline.rules.domain.RuleSetDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML form of a rule set (docs/rules.md); unknown keys are errors, not silently ignored. */
public final class RuleSetYaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private RuleSetYaml() {
    }

    public static RuleSetDefinition read(String yaml) {
        try {
            return MAPPER.readValue(yaml, RuleSetDefinition.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid rule set: " + e.getOriginalMessage());
        }
    }
}
