package io.postline.stage.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class HeadersJsonTest {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    @Test
    void readsBackAsTheSameMapForAnyCharacters() {
        Random random = new Random(7);
        String alphabet = "aZ09-_:/ \"\\\n\t\r\u0000\u001f\u007fé€😀{}[],";
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> headers = new LinkedHashMap<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                headers.put(text(random, alphabet), random.nextInt(10) == 0 ? null : text(random, alphabet));
            }
            String json = HeadersJson.write(headers);
            assertThat(EventJson.mapper().readValue(json, MAP)).as(json).isEqualTo(headers);
        }
    }

    @Test
    void writesTheUsualHeadersAsPlainJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", "0190f3c2-7a0c-7c59-9d3e-2b1c8c7e7a11");
        headers.put("x-replay", "true");
        assertThat(HeadersJson.write(headers))
                .isEqualTo("{\"ce_id\":\"0190f3c2-7a0c-7c59-9d3e-2b1c8c7e7a11\",\"x-replay\":\"true\"}");
        assertThat(HeadersJson.write(Map.of())).isEqualTo("{}");
    }

    private static String text(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return s.toString();
    }
}
