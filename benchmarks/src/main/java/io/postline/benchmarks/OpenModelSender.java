package io.postline.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Sends requests on a fixed schedule (the open model): request i leaves at {@code start + i / rate} whether or
 * not the earlier ones have been answered, and every latency counts from that scheduled time. A server that
 * slows down therefore cannot slow the load down with it and hide its own delay (no coordinated omission).
 * <p>
 * Like a real client, it sends a request refused for overload again (503 or 429, after {@code Retry-After}, or
 * no answer) with the same {@code Idempotency-Key}, up to {@link #ATTEMPTS} times; the retries count in that
 * request's latency.
 */
final class OpenModelSender {
    static final int ATTEMPTS = 10;

    /** One HTTP request carrying one or more authorizations (a single POST or a :batch). */
    record Request(String path, String body, List<String> authorizationIds) {
    }

    /**
     * @param scheduled        when each authorization's request was due to leave (the latency origin)
     * @param accepted         the authorizations whose request was finally answered 200 or 202
     * @param acceptance       scheduled time → final HTTP answer, in microseconds
     * @param statuses         final HTTP status → requests (-1: no answer)
     * @param retries          requests sent again after an overload answer
     * @param overloads        every overload answer, the last attempts' too, by kind: the status and its problem
     *                         type when the body names one ("503 overloaded", "429"), or, when no answer came,
     *                         the client's exception (a refusal and a connection the server never took tell
     *                         different stories)
     * @param lateStartsMicros how far behind schedule the sender itself fell at worst (its own limit)
     */
    record Result(Map<String, Instant> scheduled, Set<String> accepted, Histogram acceptance,
                  Map<Integer, Integer> statuses, int retries, Map<String, Integer> overloads,
                  long lateStartsMicros, Duration sendingTime) {
        boolean allAccepted() {
            return accepted.size() == scheduled.size();
        }
    }

    /** The body of an overload answer only (it names why, e.g. overloaded or not-stored-in-time), none of others. */
    private static final HttpResponse.BodyHandler<String> OVERLOAD_BODIES = info ->
            info.statusCode() == 503 || info.statusCode() == 429
                    ? HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8)
                    : HttpResponse.BodySubscribers.replacing(null);
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/([^\"/]+)\"");
    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;

    OpenModelSender(HttpClient http, String baseUrl, String bearer) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    Result send(List<Request> requests, double requestsPerSecond) {
        Map<String, Instant> scheduled = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Histogram acceptance = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicInteger retries = new AtomicInteger();
        Map<String, Integer> overloads = new ConcurrentSkipListMap<>();
        long interval = (long) (1e9 / requestsPerSecond);
        Instant wallStart = Instant.now();
        long start = System.nanoTime();
        long worstLate = 0;
        CompletableFuture<?>[] answers = new CompletableFuture<?>[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                worstLate = Math.max(worstLate, -wait / 1000);
            }
            Request r = requests.get(i);
            Instant dueAt = wallStart.plusNanos(due - start);
            r.authorizationIds().forEach(id -> scheduled.put(id, dueAt));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + r.path()))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "load-" + r.authorizationIds().getFirst() + "-"
                            + r.authorizationIds().size())
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(r.body())).build();
            answers[i] = attempt(request, 1, retries, overloads).thenAccept(status -> {
                long micros = (System.nanoTime() - due) / 1000;
                synchronized (acceptance) {
                    acceptance.recordValue(Math.min(micros, acceptance.getHighestTrackableValue()));
                }
                statuses.merge(status, 1, Integer::sum);
                if (status == 200 || status == 202) {
                    accepted.addAll(r.authorizationIds());
                }
            });
        }
        CompletableFuture.allOf(answers).join();
        return new Result(scheduled, accepted, acceptance, statuses, retries.get(), overloads, worstLate,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The final status: the answer, or -1 when none came; overload answers are tried again. */
    private CompletableFuture<Integer> attempt(HttpRequest request, int attempt, AtomicInteger retries,
                                               Map<String, Integer> overloads) {
        return http.sendAsync(request, OVERLOAD_BODIES).handle((response, error) -> {
            int status = error != null ? -1 : response.statusCode();
            boolean overload = status == -1 || status == 503 || status == 429;
            if (overload) {
                overloads.merge(status == -1 ? rootCause(error).getClass().getSimpleName()
                        : kind(status, response.body()), 1, Integer::sum);
            }
            if (!overload || attempt >= ATTEMPTS) {
                return CompletableFuture.completedFuture(status);
            }
            retries.incrementAndGet();
            long delay = error != null ? 1 : response.headers().firstValueAsLong("Retry-After").orElse(1);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(Math.min(delay, 10), TimeUnit.SECONDS))
                    .thenCompose(ignored -> attempt(request, attempt + 1, retries, overloads));
        }).thenCompose(f -> f);
    }

    /** "503 overloaded": the status and, from a problem-details body, the last part of its type. */
    static String kind(int status, String body) {
        Matcher type = PROBLEM_TYPE.matcher(body == null ? "" : body);
        return type.find() ? status + " " + type.group(1) : Integer.toString(status);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
