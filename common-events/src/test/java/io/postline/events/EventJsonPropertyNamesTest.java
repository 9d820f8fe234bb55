package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The event mapper reads property names as the very strings the JVM holds for the records' components, so that
 * building a record finds each of its properties by identity. Without interning, the parser hands out its own
 * copies, equal but not the same.
 */
class EventJsonPropertyNamesTest {

    @Test
    void propertyNamesAreTheRecordComponentsOwnStrings() {
        List<String> components = Arrays.stream(Money.class.getRecordComponents()).map(c -> c.getName()).toList();
        byte[] json = EventJson.write(new Money(1250, "GBP"));

        try (JsonParser parser = EventJson.mapper().createParser(json)) {
            int names = 0;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    assertThat(name).isSameAs(components.get(components.indexOf(name)));
                    names++;
                }
            }
            assertThat(names).isEqualTo(components.size());
        }
    }
}
