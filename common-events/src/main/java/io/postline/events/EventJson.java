package io.postline.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping of events on the wire (Jackson 3), shared so every stage reads and writes alike. */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Buffers kept per thread: the default, one lock-free deque that every reader and writer takes
                    // its buffers from and gives them back to, was 2.2 % of the services' CPU with eight stage
                    // threads sharing it (JFR, docs/benchmarks.md, thirty-fifth round). Postline's threads are
                    // platform threads (virtual threads are not enabled), so each one's buffers are reused.
                    .recyclerPool(JsonRecyclerPools.threadLocalPool())
                    // Property names read as the JVM's own strings, the same instances as the records' component
                    // names: a record is built by looking each name up in a map, and with equal instances the
                    // lookup stops at the identity check instead of comparing the characters (2.3 % of the
                    // services' CPU was that lookup; docs/benchmarks.md, batch file, thirty-sixth round). A name is
                    // interned once, when the parser's symbol table first takes it.
                    .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
                    .build())
            // Tolerant reader: a newer producer may add fields; removing or retyping one is a new version.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .addModule(InstantJson.module())
            .addModule(RecordCreators.module())
            .build();

    private static final Pattern MISSING = Pattern.compile("Missing creator property '([^']+)'");

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Reads an event; throws {@link MalformedEventException} with a reason fit for a DLT header. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new MalformedEventException(type.getSimpleName() + " could not be read: " + reason(e), e);
        }
    }

    /** Says which field is wrong, in the event's terms rather than the parser's. */
    static String reason(JacksonException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
                return t.getMessage(); // the record's own invariant, e.g. "stan must match [0-9]{6}"
            }
        }
        String path = path(e);
        Matcher missing = MISSING.matcher(String.valueOf(e.getOriginalMessage()));
        if (missing.find()) {
            String field = missing.group(1);
            String full = path.equals(field) || path.endsWith("." + field) ? path
                    : (path.isEmpty() ? "" : path + ".") + field;
            return full + " is required";
        }
        return path.isEmpty() ? firstLine(e.getOriginalMessage()) : "'" + path + "' has the wrong type or format";
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
