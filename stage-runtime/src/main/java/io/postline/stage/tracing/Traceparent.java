package io.postline.stage.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context header ({@code traceparent}, version 00): which trace an event belongs to and which
 * span caused it. Parsing is strict, so a malformed header from a client is dropped rather than carried on.
 */
public record Traceparent(String traceId, String parentId, boolean sampled) {
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean[] LOWER_HEX = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            LOWER_HEX[c] = true;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            LOWER_HEX[c] = true;
        }
    }

    public Traceparent {
        if (traceId.length() != 32 || !isHex(traceId, 0, 32) || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero");
        }
        if (parentId.length() != 16 || !isHex(parentId, 0, 16) || parentId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("parent id must be 16 lower-case hex digits, not all zero");
        }
    }

    /** The header value, or empty if it is absent or not a valid version-00 header. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        // 00-<32 hex>-<16 hex>-<2 hex>, checked by position: every stage parses one per event (a regular
        // expression here was a few per cent of a stage's CPU). The ids' digits are checked once, by the
        // constructor; only a malformed header from a client pays for the exception.
        String h = header.strip();
        if (h.length() != 55 || !h.startsWith("00-") || h.charAt(35) != '-' || h.charAt(52) != '-'
                || !isHex(h, 53, 2)) {
            return Optional.empty();
        }
        boolean sampled = (HexFormat.fromHexDigits(h, 53, 55) & 1) == 1;
        try {
            return Optional.of(new Traceparent(h.substring(3, 35), h.substring(36, 52), sampled));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** A new trace with a random id: used where no tracer is there to start one. */
    public static Traceparent newTrace() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        do {
            RANDOM.nextBytes(trace);
            RANDOM.nextBytes(span);
        } while (isZero(trace) || isZero(span));
        return new Traceparent(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span), false);
    }

    private static long randomSpanId() {
        var random = ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * The header of a child: the same trace and sampling decision under a new random parent (span) id. Built as
     * text, without checking this trace id again: every stage makes one per unsampled event, and the checks were
     * 2–3 % of the stages' CPU (JFR, docs/benchmarks.md).
     */
    public String childHeader() {
        return header(traceId, HexFormat.of().toHexDigits(randomSpanId()), sampled);
    }

    public String header() {
        return header(traceId, parentId, sampled);
    }

    private static String header(String traceId, String parentId, boolean sampled) {
        return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
    }

    /**
     * {@code length} lower-case hex digits at {@code from}. Looked up in a table: the ids' digits are random, so
     * testing digit-or-letter by comparisons mispredicted a branch on about every other character, and the 48
     * digits of a header took about 175 ns against 21 (docs/benchmarks.md, batch file, thirty-sixth round).
     */
    private static boolean isHex(String s, int from, int length) {
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c >= LOWER_HEX.length || !LOWER_HEX[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
