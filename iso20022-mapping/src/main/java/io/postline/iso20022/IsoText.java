package io.postline.iso20022;

/** Fits free text into an ISO 20022 MaxNText field: trimmed, and cut at N code points. */
public final class IsoText {
    private IsoText() {
    }

    public static String max(String text, int maxLength) {
        String t = text.strip();
        if (t.codePointCount(0, t.length()) <= maxLength) {
            return t;
        }
        return t.substring(0, t.offsetByCodePoints(0, maxLength)).strip();
    }
}
