package io.postline.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EntrySide;
import io.postline.events.EventIds;
import io.postline.events.EventSchemas;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.SampleEvents;
import io.postline.events.PostingLeg;
import io.postline.events.PostingPosted;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

@StageIntegrationTest
class PostingStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @Autowired
    JdbcTemplate jdbc;

    static PostingLeg leg(String auth, UUID seq, int index, String account, EntrySide side, long minor) {
        return new PostingLeg(auth, seq, index, 2, account, null, side, new Money(minor, "GBP"), "Shop, Town",
                new Money(minor, "GBP"), "1", "card-purchase-default", index == 0 ? LegRole.CARDHOLDER : LegRole.COUNTERPARTY,
                new PostingContext("pos-switch", "CTK000001", "000000123456", SampleEvents.T0, new Money(minor, "GBP"), null));
    }

    @Test
    void legsInAnyOrderAndRepeatedArePostedOnceAsABalancedEntry() {
        UUID seq = UUID.randomUUID();
        PostingLeg debit = leg("POST-1", seq, 0, "41000001", EntrySide.DEBIT, 1250);
        PostingLeg credit = leg("POST-1", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 1250);
        UUID creditId = UUID.randomUUID();
        probe.sendEvent(creditId, credit);
        probe.sendEvent(UUID.randomUUID(), debit);
        probe.sendEvent(creditId, credit); // redelivered
        probe.sendEvent(UUID.randomUUID(), credit); // re-emitted under another id after posting

        var posted = probe.awaitRecords(Topic.POSTING_POSTED.topicName(),
                all -> all.stream().anyMatch(r -> "POST-1".equals(r.key())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from pending_leg where authorization_id = 'POST-1'", Integer.class)).isZero());

        var mine = posted.stream().filter(r -> "POST-1".equals(r.key())).toList();
        assertThat(mine).hasSize(1);
        EventSchemas.assertConforms(Topic.POSTING_POSTED, mine.getFirst().value());
        PostingPosted event = TopicProbe.payload(mine.getFirst(), Topic.POSTING_POSTED, PostingPosted.class);
        assertThat(event.journalId()).isEqualTo(EventIds.derive(seq, "posting/journal", 0));
        assertThat(event.lines()).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-1'",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select debit_minor from account_balance where account_number = '41000001'",
                Long.class)).isEqualTo(1250);
        assertThat(jdbc.queryForObject("select sum(case when side = 'D' then amount_minor else -amount_minor end) "
                + "from journal_line", Long.class)).isZero();
    }

    @Test
    void anUnbalancedSequenceIsDeadLetteredWithTheReasonAndNotPosted() {
        UUID seq = UUID.randomUUID();
        probe.sendEvent(UUID.randomUUID(), leg("POST-BAD", seq, 0, "41000002", EntrySide.DEBIT, 1000));
        probe.sendEvent(UUID.randomUUID(), leg("POST-BAD", seq, 1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 999));

        var dead = probe.awaitRecords(Topic.POSTING_LEG.deadLetterTopic(),
                all -> all.stream().anyMatch(r -> "POST-BAD".equals(r.key())));

        assertThat(dead.stream().filter(r -> "POST-BAD".equals(r.key())).map(r -> TopicProbe.header(r,
                CloudEventHeaders.DLT_REASON))).contains("sequence does not balance in GBP: debits 1000, credits 999");
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where authorization_id = 'POST-BAD'",
                Integer.class)).isZero();
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryAndAnyEditOfTheLedger() {
        UUID journal = UUID.randomUUID();
        jdbc.update("insert into journal_entry (journal_id, posting_sequence_id, authorization_id) values (?, ?, 'DB-1')",
                journal, UUID.randomUUID());
        assertThatThrownBy(() -> jdbc.update("insert into journal_line values "
                + "(?, 0, 'A', 'D', 100, 'GBP', 'x'), (?, 1, 'B', 'C', 99, 'GBP', 'x')", journal, journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("does not balance in GBP");
        jdbc.update("insert into journal_line values (?, 0, 'A', 'D', 100, 'GBP', 'x'), (?, 1, 'B', 'C', 100, 'GBP', 'x')",
                journal, journal);
        assertThatThrownBy(() -> jdbc.update("update journal_line set amount_minor = 1 where journal_id = ?", journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from journal_entry where journal_id = ?", journal))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }
}
