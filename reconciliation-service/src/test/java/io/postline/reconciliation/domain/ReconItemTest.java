package io.postline.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.DuplicateReason;
import io.postline.events.EventIds;
import io.postline.events.Money;
import io.postline.events.PipelineEvent;
import io.postline.events.PostingPosted;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionHeld;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconItemTest {
    static final AuthorizationReceived RECEIVED = SampleEvents.received("AUTH-0001");
    static final PostingPosted POSTED = (PostingPosted) SampleEvents.of(Topic.POSTING_POSTED);
    static final PostingPosted POSTED_OTHER_AMOUNT = new PostingPosted(POSTED.authorizationId(),
            POSTED.postingSequenceId(), EventIds.of("j2"), new Money(999, "GBP"), POSTED.lines(), POSTED.postedAt());
    static final AuthorizationDuplicate PARKED = new AuthorizationDuplicate("AUTH-0001", RECEIVED,
            DuplicateReason.BUSINESS_DUPLICATE, "AUTH-0000", EventIds.of("o"), SampleEvents.T0);
    static final TransactionHeld HELD = (TransactionHeld) SampleEvents.of(Topic.TRANSACTION_HELD);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(RECEIVED), ReconStatus.AWAITING_POSTING),
                Arguments.of(List.of(RECEIVED, POSTED), ReconStatus.MATCHED),
                Arguments.of(List.of(POSTED, RECEIVED), ReconStatus.MATCHED),
                Arguments.of(List.of(RECEIVED, RECEIVED, PARKED, POSTED), ReconStatus.MATCHED),
                Arguments.of(List.of(RECEIVED, PARKED), ReconStatus.PARKED_DUPLICATE),
                Arguments.of(List.of(RECEIVED, HELD), ReconStatus.HELD),
                Arguments.of(List.of(POSTED), ReconStatus.ORPHAN_POSTING),
                Arguments.of(List.of(RECEIVED, POSTED_OTHER_AMOUNT), ReconStatus.AMOUNT_MISMATCH),
                Arguments.of(List.of(RECEIVED, POSTED, POSTED), ReconStatus.DUPLICATE_POSTING));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classifiesFromTheFacts(List<PipelineEvent> events, ReconStatus expected) {
        ReconItem item = ReconItem.empty("AUTH-0001");
        for (PipelineEvent e : events) {
            item = item.apply(e);
        }
        assertThat(item.status()).isEqualTo(expected);
    }
}
