package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    private static final List<String> SPECS = List.of("[A-Za-z0-9._:-]{1,64}", "[a-z0-9][a-z0-9-]{0,31}",
            "[A-Za-z0-9_-]{8,64}", "[0-9]{1,11}", "[0-9]{6}", "[A-Za-z0-9]{12}", "[A-Z]{2}", "[0-9]{4}");
    private static final String ALPHABET = "aZz09_-.:/ é\u0000A-9\u00ff~";

    @Test
    void agreesWithTheRegularExpressionItIsWrittenAs() {
        Random random = new Random(42);
        for (String spec : SPECS) {
            TextFormat format = TextFormat.of(spec);
            Pattern regex = Pattern.compile(spec);
            int matched = 0;
            for (int i = 0; i < 20_000; i++) {
                StringBuilder s = new StringBuilder();
                int length = random.nextBoolean() ? random.nextInt(70) : random.nextInt(14);
                boolean narrow = random.nextBoolean(); // mostly valid characters, so both answers occur often
                for (int j = 0; j < length; j++) {
                    s.append(narrow ? "1234567890aZ-"
                            .charAt(random.nextInt(13)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                boolean expected = regex.matcher(s).matches();
                assertThat(format.matches(s)).as("%s on '%s'", spec, s).isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
            assertThat(matched).as("some inputs of %s match", spec).isPositive();
            assertThat(format.pattern()).isEqualTo(spec);
        }
    }

    @Test
    void refusesWhatItCannotCheckWithoutARegularExpression() {
        assertThatThrownBy(() -> TextFormat.of("[0-9]+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextFormat.of("[\\d]{2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextFormat.of("(ab){2}")).isInstanceOf(IllegalArgumentException.class);
    }
}
