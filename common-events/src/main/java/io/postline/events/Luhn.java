package io.postline.events;

/**
 * The Luhn (mod 10) check that card numbers carry in their last digit: whether digits pass it, and which digit
 * makes a number without its check digit pass. {@link PanGuard} looks for numbers that pass; ingest's edge
 * tokenizer makes tokens that do not.
 */
public final class Luhn {
    private Luhn() {
    }

    /** Whether the {@code length} digits of {@code digits} from {@code start}, the last being the check digit, pass. */
    public static boolean valid(CharSequence digits, int start, int length) {
        return weightedSum(digits, start, start + length, false) % 10 == 0;
    }

    /** The digit that makes {@code body + digit} pass the check. */
    public static int checkDigit(CharSequence body) {
        return (10 - weightedSum(body, 0, body.length(), true) % 10) % 10;
    }

    /**
     * From the right, every second digit doubled (less 9 when that passes 9). Without the check digit the
     * rightmost digit is itself doubled, so {@code doubleRightmost} tells which of the two sums this is.
     */
    private static int weightedSum(CharSequence digits, int start, int end, boolean doubleRightmost) {
        int sum = 0;
        boolean twice = doubleRightmost;
        for (int i = end - 1; i >= start; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum;
    }
}
