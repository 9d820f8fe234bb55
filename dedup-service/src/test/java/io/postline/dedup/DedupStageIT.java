package io.postline.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.DuplicateReason;
import io.postline.events.EventIds;
import io.postline.events.EventSchemas;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@StageIntegrationTest
class DedupStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void forwardsTheFirstAndParksBusinessDuplicatesAndResendsWithAPointerToTheOriginal() {
        AuthorizationReceived original = SampleEvents.received("DEDUP-A");
        AuthorizationReceived business = SampleEvents.received("DEDUP-B"); // other id, same identifying fields
        UUID originalId = UUID.randomUUID();
        probe.sendEvent(originalId, original);
        probe.sendEvent(UUID.randomUUID(), business);
        probe.sendEvent(UUID.randomUUID(), original); // upstream resent it under a new event id

        List<ConsumerRecord<String, byte[]>> parked = probe.awaitRecords(Topic.AUTHORIZATION_DUPLICATE.topicName(),
                all -> all.size() >= 2);
        List<ConsumerRecord<String, byte[]>> unique = probe.readAll(Topic.AUTHORIZATION_UNIQUE.topicName());

        assertThat(unique).extracting(ConsumerRecord::key).containsExactly("DEDUP-A");
        assertThat(TopicProbe.eventId(unique.getFirst())).isEqualTo(EventIds.derive(originalId, "dedup", 0));
        unique.forEach(r -> EventSchemas.assertConforms(Topic.AUTHORIZATION_UNIQUE, r.value()));
        parked.forEach(r -> EventSchemas.assertConforms(Topic.AUTHORIZATION_DUPLICATE, r.value()));
        List<AuthorizationDuplicate> duplicates = parked.stream()
                .map(r -> TopicProbe.payload(r, Topic.AUTHORIZATION_DUPLICATE, AuthorizationDuplicate.class)).toList();
        assertThat(duplicates).extracting(AuthorizationDuplicate::authorizationId, AuthorizationDuplicate::reason,
                        AuthorizationDuplicate::originalAuthorizationId, AuthorizationDuplicate::originalEventId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DEDUP-B", DuplicateReason.BUSINESS_DUPLICATE, "DEDUP-A", originalId),
                        org.assertj.core.groups.Tuple.tuple("DEDUP-A", DuplicateReason.SAME_ID_SAME_CONTENT, "DEDUP-A", originalId));
        assertThat(jdbc.queryForObject("select count(*) from parked_duplicate", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from fingerprint", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select fingerprint from fingerprint", String.class))
                .matches("[0-9a-f]{64}").doesNotContain(original.cardToken());
    }
}
