package io.postline.posting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EntrySide;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.SampleEvents;
import io.postline.events.PostingLeg;
import io.postline.posting.domain.PostingSequenceAssembler.Assembly;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostingSequenceAssemblerTest {
    static final UUID SEQ = UUID.fromString("9b1d7c3e-5f4a-5b2c-8d6e-0a1b2c3d4e5f");

    static PostingLeg leg(int index, int count, EntrySide side, long minor, String ccy) {
        return new PostingLeg("AUTH-1", SEQ, index, count, "ACC-" + index, null, side, new Money(minor, ccy), "n",
                new Money(1000, "GBP"), "1", "r", index == 0 ? LegRole.CARDHOLDER : LegRole.COUNTERPARTY,
                new PostingContext("pos-switch", "CTK000001", null, SampleEvents.T0, new Money(1000, "GBP"), null));
    }

    static final PostingLeg D0 = leg(0, 2, EntrySide.DEBIT, 1000, "GBP");
    static final PostingLeg C1 = leg(1, 2, EntrySide.CREDIT, 1000, "GBP");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("both legs in order", List.of(D0, C1), "Complete"),
                Arguments.of("both legs in reverse order", List.of(C1, D0), "Complete"),
                Arguments.of("a leg repeated", List.of(D0, C1, D0), "Complete"),
                Arguments.of("one leg of two", List.of(D0), "Incomplete 1/2"),
                Arguments.of("the same leg twice only", List.of(C1, C1), "Incomplete 1/2"),
                Arguments.of("legs disagree on the count", List.of(D0, leg(1, 3, EntrySide.CREDIT, 1000, "GBP")),
                        "Invalid legs disagree on legCount: 2 and 3"),
                Arguments.of("debits and credits differ", List.of(D0, leg(1, 2, EntrySide.CREDIT, 999, "GBP")),
                        "Invalid sequence does not balance in GBP: debits 1000, credits 999"),
                Arguments.of("balanced in total but not per currency",
                        List.of(D0, leg(1, 2, EntrySide.CREDIT, 1000, "EUR")),
                        "Invalid sequence does not balance in EUR: debits 0, credits 1000"),
                Arguments.of("one index with two different contents",
                        List.of(D0, leg(0, 2, EntrySide.DEBIT, 5, "GBP"), C1),
                        "Invalid leg 0 arrived twice with different content"),
                Arguments.of("four legs in two currencies, balanced each",
                        List.of(leg(2, 4, EntrySide.DEBIT, 7, "JPY"), leg(0, 4, EntrySide.DEBIT, 10, "GBP"),
                                leg(3, 4, EntrySide.CREDIT, 7, "JPY"), leg(1, 4, EntrySide.CREDIT, 10, "GBP")),
                        "Complete"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assembles(String name, List<PostingLeg> legs, String expected) {
        Assembly assembly = PostingSequenceAssembler.assemble(SEQ, legs);
        String outcome = switch (assembly) {
            case Assembly.Complete c -> {
                assertThat(c.legs()).extracting(PostingLeg::legIndex).isSorted().doesNotHaveDuplicates();
                yield "Complete";
            }
            case Assembly.Incomplete i -> "Incomplete " + i.present() + "/" + i.expected();
            case Assembly.Invalid i -> "Invalid " + i.reason();
        };
        assertThat(outcome).isEqualTo(expected);
    }
}
