package io.postline.events;

/**
 * The rule for free text an acquirer sends (merchant id, name and city): any character a person could
 * print, in any script, but no control character (C0, DEL, C1), no half of a surrogate pair and neither
 * U+FFFE nor U+FFFF. Such text goes into cain.001 and camt.054, where XML 1.0 forbids most control
 * characters and those two, and into the posting file's fixed-width fields, where a line break would
 * split a record; a lone surrogate has no UTF-8 form at all. Ingest refuses it with a problem detail and
 * the event records refuse it too, so a stage never writes it.
 */
public final class PrintableText {
    private PrintableText() {
    }

    public static boolean isPrintable(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0xfffe) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
