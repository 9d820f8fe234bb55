package io.postline.stage.outbox;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An outbox record's headers: immutable, in the order they were given (the order they are sent in), held in two
 * arrays. Every record's headers are walked twice on the hot path, stored and then sent, and walking
 * {@code Map.copyOf}'s table for a dozen entries was 3.8 % of the services' CPU (JFR, batch-file benchmark,
 * docs/benchmarks.md thirtieth round). A lookup scans the names, which for a dozen is as quick as hashing one.
 * Null names and values are refused, as {@code Map.copyOf} did.
 */
final class OrderedHeaders extends AbstractMap<String, String> {
    private final String[] names;
    private final String[] values;

    private OrderedHeaders(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** {@code headers} itself when it is already one of these, otherwise a copy in its iteration order. */
    static Map<String, String> copyOf(Map<String, String> headers) {
        if (headers instanceof OrderedHeaders ordered) {
            return ordered;
        }
        String[] names = new String[headers.size()];
        String[] values = new String[names.length];
        int i = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            names[i] = Objects.requireNonNull(h.getKey(), "header name");
            values[i++] = valueOf(h.getKey(), h.getValue());
        }
        return new OrderedHeaders(names, values);
    }

    /** Headers put one by one, for a record built here; a name put again keeps its place and takes the new value. */
    static final class Builder {
        private String[] names;
        private String[] values;
        private int size;

        Builder(int expected) {
            names = new String[expected];
            values = new String[expected];
        }

        Builder put(String name, String value) {
            Objects.requireNonNull(name, "header name");
            valueOf(name, value);
            int at = indexOf(names, size, name);
            if (at >= 0) {
                values[at] = value;
                return this;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2 + 1);
                values = Arrays.copyOf(values, names.length);
            }
            names[size] = name;
            values[size++] = value;
            return this;
        }

        Map<String, String> build() {
            return new OrderedHeaders(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
        }
    }

    private static String valueOf(String name, String value) {
        if (value == null) {
            throw new NullPointerException("header " + name + " has no value");
        }
        return value;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(names, names.length, name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(names, names.length, name) >= 0;
    }

    /** Where {@code name} is among the first {@code size} names, or -1. */
    private static int indexOf(String[] names, int size, Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
