package io.postline.benchmarks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a phase was slow: the seconds of its schedule in which some authorization took longer than a bound end to
 * end, joined into spans of consecutive seconds, each with its worst latency and when its last slow authorization
 * was posted. A p99 that is high in one third only is a stall rather than a backlog, and its span's wall-clock
 * times are what to set beside PostgreSQL's checkpoint lines, the collectors' pauses and the broker's log.
 */
final class SlowSeconds {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLI = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final long boundMicros;
    /** Epoch second of the scheduled send → what was slow in it. */
    private final TreeMap<Long, Slow> bySecond = new TreeMap<>();

    /** @param boundMicros the latency above which an authorization counts as slow */
    SlowSeconds(long boundMicros) {
        this.boundMicros = boundMicros;
    }

    private record Slow(long count, long worstMicros, Instant lastPosted) {
        Slow with(long micros, Instant posted) {
            return new Slow(count + 1, Math.max(worstMicros, micros), posted.isAfter(lastPosted) ? posted : lastPosted);
        }
    }

    /** One authorization: its scheduled send and its end-to-end latency; counted only when over the bound. */
    void record(Instant scheduled, long micros) {
        if (micros <= boundMicros) {
            return;
        }
        Instant posted = scheduled.plusNanos(micros * 1000);
        bySecond.merge(scheduled.getEpochSecond(), new Slow(1, micros, posted),
                (was, one) -> was.with(micros, posted));
    }

    /** Consecutive slow seconds as one span, in schedule order. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        Span open = null;
        for (Map.Entry<Long, Slow> second : bySecond.entrySet()) {
            long at = second.getKey();
            Slow slow = second.getValue();
            if (open != null && open.lastSecond() + 1 == at) {
                open = new Span(open.firstSecond(), at, open.count() + slow.count(),
                        Math.max(open.worstMicros(), slow.worstMicros()),
                        slow.lastPosted().isAfter(open.lastPosted()) ? slow.lastPosted() : open.lastPosted());
                spans.set(spans.size() - 1, open);
            } else {
                open = new Span(at, at, slow.count(), slow.worstMicros(), slow.lastPosted());
                spans.add(open);
            }
        }
        return spans;
    }

    /** Slow seconds {@code firstSecond..lastSecond} (epoch seconds of the scheduled sends, inclusive). */
    record Span(long firstSecond, long lastSecond, long count, long worstMicros, Instant lastPosted) {
        /** "11:40:02-11:40:04", or "11:40:02" for one second (UTC). */
        String seconds() {
            String from = SECOND.format(Instant.ofEpochSecond(firstSecond));
            return firstSecond == lastSecond ? from : from + "-" + SECOND.format(Instant.ofEpochSecond(lastSecond));
        }

        String describe() {
            return String.format("%s (%,d, worst %.1f ms, the last posted %s)", seconds(), count,
                    worstMicros / 1000.0, MILLI.format(lastPosted));
        }
    }

    /** "11:40:05" (UTC). */
    static String second(Instant at) {
        return SECOND.format(at);
    }

    /** The {@code limit} spans with the worst latencies, in schedule order. */
    List<Span> worst(int limit) {
        return spans().stream()
                .sorted((a, b) -> Long.compare(b.worstMicros(), a.worstMicros()))
                .limit(limit)
                .sorted((a, b) -> Long.compare(a.firstSecond(), b.firstSecond()))
                .toList();
    }

    /**
     * "over 250 ms: 1,234 authorizations scheduled in 2 spans (UTC): 11:40:02-11:40:04 (1,200, worst 902.7 ms, the
     * last posted 11:40:05.112), ...", the worst {@code limit} spans in schedule order; "over 250 ms: none".
     */
    String describe(int limit) {
        List<Span> spans = spans();
        String over = String.format("over %,.0f ms: ", boundMicros / 1000.0);
        if (spans.isEmpty()) {
            return over + "none";
        }
        long count = spans.stream().mapToLong(Span::count).sum();
        List<Span> shown = worst(limit);
        StringBuilder line = new StringBuilder(over).append(String.format("%,d authorization%s scheduled in %d span%s "
                + "of seconds (UTC): ", count, count == 1 ? "" : "s", spans.size(), spans.size() == 1 ? "" : "s"));
        for (int i = 0; i < shown.size(); i++) {
            line.append(i > 0 ? ", " : "").append(shown.get(i).describe());
        }
        if (shown.size() < spans.size()) {
            line.append(String.format(", and %d milder", spans.size() - shown.size()));
        }
        return line.toString();
    }
}
