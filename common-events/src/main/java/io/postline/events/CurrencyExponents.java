package io.postline.events;

import java.util.Currency;

/**
 * The minor-unit digits of ISO 4217 codes, remembered per code. Every {@link Money} checks its currency when it is
 * made, and a stage makes several per event it reads or writes; {@link Currency#getInstance(String)} looked each one
 * up in a concurrent map, 1.0 % of the services' CPU (JFR, docs/benchmarks.md, batch file, thirty-sixth round). A
 * code is three upper-case letters, so a table of 26³ entries holds every code's answer, filled as codes are first
 * seen. Anything else, and every code that is refused, goes to {@link Currency} each time, so the errors stay its.
 */
final class CurrencyExponents {
    private static final int LETTERS = 26;
    /** 0: not looked up yet; otherwise the exponent plus one. Racing threads write the same value. */
    private static final byte[] KNOWN = new byte[LETTERS * LETTERS * LETTERS];

    private CurrencyExponents() {
    }

    /** The currency's exponent, or -1 if it has no minor unit; throws as {@link Currency#getInstance} does. */
    static int of(String code) {
        int slot = slot(code);
        if (slot >= 0) {
            int known = KNOWN[slot];
            if (known > 0) {
                return known - 1;
            }
        }
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        if (slot >= 0 && digits >= 0) {
            KNOWN[slot] = (byte) (digits + 1);
        }
        return digits;
    }

    /** The table index of three upper-case ASCII letters, or -1. */
    private static int slot(String code) {
        if (code == null || code.length() != 3) {
            return -1;
        }
        int slot = 0;
        for (int i = 0; i < 3; i++) {
            int letter = code.charAt(i) - 'A';
            if (letter < 0 || letter >= LETTERS) {
                return -1;
            }
            slot = slot * LETTERS + letter;
        }
        return slot;
    }
}
