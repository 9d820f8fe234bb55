package io.postline.stage.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderedHeadersTest {

    @Test
    void keepsTheOrderGivenAndAnswersLikeAnyMap() {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 12; i > 0; i--) {
            given.put("h" + i, "v" + i);
        }

        Map<String, String> headers = OrderedHeaders.copyOf(given);

        assertThat(headers.keySet()).containsExactlyElementsOf(given.keySet());
        assertThat(headers.values()).containsExactlyElementsOf(given.values());
        assertThat(headers).isEqualTo(new HashMap<>(given)).hasSize(12);
        assertThat(headers.hashCode()).isEqualTo(given.hashCode());
        assertThat(headers.get("h7")).isEqualTo("v7");
        assertThat(headers.get("h13")).isNull();
        assertThat(headers.containsKey("h1")).isTrue();
        assertThat(headers.containsKey(null)).isFalse();
        StringBuilder seen = new StringBuilder();
        headers.forEach((name, value) -> seen.append(name).append('=').append(value).append(';'));
        assertThat(seen).hasToString("h12=v12;h11=v11;h10=v10;h9=v9;h8=v8;h7=v7;h6=v6;h5=v5;h4=v4;h3=v3;h2=v2;h1=v1;");
    }

    @Test
    void cannotBeChangedAndIsNotCopiedAgain() {
        Map<String, String> headers = OrderedHeaders.copyOf(Map.of("a", "1"));

        assertThatThrownBy(() -> headers.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.entrySet().iterator().next().setValue("3"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(headers::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(OrderedHeaders.copyOf(headers)).isSameAs(headers);
    }

    @Test
    void refusesAHeaderWithoutAValueAndNamesIt() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("ce_subject", null);

        assertThatThrownBy(() -> OrderedHeaders.copyOf(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessage("header ce_subject has no value");
        assertThatThrownBy(() -> new OrderedHeaders.Builder(1).put("ce_subject", null))
                .isInstanceOf(NullPointerException.class).hasMessage("header ce_subject has no value");
    }

    @Test
    void aBuilderKeepsTheOrderGrowsAndLetsALaterValueWin() {
        Map<String, String> headers = new OrderedHeaders.Builder(2).put("ce_id", "1").put("ce_type", "t")
                .put("ce_source", "s").put("ce_id", "2").build();

        assertThat(headers.keySet()).containsExactly("ce_id", "ce_type", "ce_source");
        assertThat(headers.get("ce_id")).isEqualTo("2");
    }

    @Test
    void anOutboxRecordSendsItsHeadersInTheOrderTheyWereWritten() {
        UUID id = UUID.randomUUID();
        Map<String, String> given = new LinkedHashMap<>();
        given.put("z-last-by-name", "1");
        given.put("a-first-by-name", "2");
        given.put("m-middle", "3");

        OutboxRecord record = new OutboxRecord(id, "payments.authorization.received", "AUTH-1", given, new byte[0]);

        assertThat(record.headers().keySet()).containsExactly("z-last-by-name", "a-first-by-name", "m-middle");
        assertThat(record.causedBy(UUID.randomUUID()).headers()).isSameAs(record.headers());
    }
}
