package io.postline.rules.store;

import io.postline.rules.domain.RuleEngine.Decision;
import io.postline.rules.domain.RuleSet;
import io.postline.stage.sql.SqlArrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The audit of every decision, written in the batch's transaction. */
@Repository
public class RuleDecisions {
    private static final String INSERT = "insert into rule_decision (event_id, authorization_id, rule_set_version, "
            + "decisive_rule, fired_rules, outcome, reason) values (?, ?, ?, ?, ?, ?, ?)";
    private final JdbcTemplate jdbc;

    public RuleDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Recorded(UUID eventId, String authorizationId, Decision decision) {
    }

    /**
     * Records the decisions; one recorded before for the same event is kept as it was. Unless
     * {@code repeatsTolerated}, none is expected and the insert is a plain one, which fails on a repeat
     * ({@link io.postline.stage.StageOutput#repeatsTolerated()}).
     */
    public void record(List<Recorded> decisions, boolean repeatsTolerated) {
        jdbc.batchUpdate(repeatsTolerated ? INSERT + " on conflict (event_id) do nothing" : INSERT,
                decisions, decisions.size(), (ps, r) -> {
                    Decision d = r.decision();
                    ps.setObject(1, r.eventId());
                    ps.setString(2, r.authorizationId());
                    ps.setString(3, d.ruleSetVersion());
                    ps.setString(4, d.decisiveId());
                    ps.setObject(5, SqlArrays.text(d.fired()));
                    ps.setString(6, switch (d.outcome()) {
                        case RuleSet.Outcome.Post p -> "POST";
                        case RuleSet.Outcome.Hold h -> "HOLD";
                        case RuleSet.Outcome.Reject j -> "REJECT";
                    });
                    ps.setString(7, switch (d.outcome()) {
                        case RuleSet.Outcome.Post p -> null;
                        case RuleSet.Outcome.Hold h -> h.reason();
                        case RuleSet.Outcome.Reject j -> j.reason();
                    });
                });
    }
}
