package io.postline.iso20022;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the XML of one ISO 20022 document straight into a {@link StringBuilder}: {@code Document} in the
 * message's namespace, one root element, then the elements the writer adds in schema order.
 * <p>
 * Not the JDK's StAX writer, which the writers used before: it handles namespaces, prefixes and states
 * these documents do not need, and sends every tag's {@code <}, {@code /} and {@code >} to its output one
 * call at a time. Camt.054 through it was 6.8 % of the services' JFR samples while the posting stage caught
 * up in the batch-file benchmark; one message takes about a third less time now (docs/benchmarks.md).
 * The output is the same to the byte: the same declaration, no whitespace, and the same escapes (text:
 * {@code & < >}; attribute values: also {@code "}). Like StAX, it writes every other character as it is,
 * except those XML 1.0 forbids, which it refuses (StAX wrote them, making the document ill-formed).
 * Element and attribute names are the writers' constants and go in as they are.
 */
final class IsoXml {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    /** Open elements at most; the deepest path, camt.054's, has 10 open with {@code Document} and the root. */
    private static final int MAX_DEPTH = 24;
    /** {@code Document} and the root, which the frame opens and closes. */
    private static final int FRAME = 2;

    private final StringBuilder xml = new StringBuilder(2048);
    private final String[] open = new String[MAX_DEPTH];
    private int depth;

    private IsoXml() {
    }

    /** Writes {@code <Document xmlns=namespace><root>body</root></Document>}. */
    static String document(String namespace, String root, Consumer<IsoXml> body) {
        IsoXml w = new IsoXml();
        w.xml.append(DECLARATION).append("<Document xmlns=\"");
        w.escaped("Document", namespace, true);
        w.xml.append("\">");
        w.open[w.depth++] = "Document";
        w.start(root);
        body.accept(w);
        if (w.depth > FRAME) {
            throw new IllegalStateException("<" + w.open[w.depth - 1] + "> is not closed");
        }
        w.close();
        w.close();
        return w.xml.toString();
    }

    /** Opens {@code <element>}; {@link #end()} closes it. */
    IsoXml start(String element) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("elements nested deeper than " + MAX_DEPTH + " at <" + element + ">");
        }
        open[depth++] = element;
        xml.append('<').append(element).append('>');
        return this;
    }

    /** Closes the element the body opened last; the root and {@code Document} are closed by the frame. */
    IsoXml end() {
        if (depth == FRAME) {
            throw new IllegalStateException("no element is open under the root");
        }
        close();
        return this;
    }

    private void close() {
        closeTag(open[--depth]);
    }

    private void closeTag(String element) {
        xml.append("</").append(element).append('>');
    }

    /** {@code <element>value</element>}, the value escaped. */
    IsoXml text(String element, String value) {
        Objects.requireNonNull(value, element);
        xml.append('<').append(element).append('>');
        escaped(element, value, false);
        closeTag(element);
        return this;
    }

    /** {@code <element attribute="attributeValue">value</element>}, both values escaped. */
    IsoXml text(String element, String attribute, String attributeValue, String value) {
        Objects.requireNonNull(attributeValue, attribute);
        Objects.requireNonNull(value, element);
        xml.append('<').append(element).append(' ').append(attribute).append("=\"");
        escaped(element, attributeValue, true);
        xml.append("\">");
        escaped(element, value, false);
        closeTag(element);
        return this;
    }

    /**
     * Appends runs without markup characters whole: almost every value has none. Refuses the characters
     * XML 1.0 does not allow (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF).
     */
    private void escaped(String element, String value, boolean inAttribute) {
        int from = 0;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> inAttribute ? "&quot;" : null;
                case '\t', '\n', '\r' -> null;
                default -> {
                    if (c < 0x20 || c >= 0xfffe) {
                        throw new IllegalArgumentException(
                                "<%s> holds U+%04X, which XML 1.0 does not allow".formatted(element, (int) c));
                    }
                    yield null;
                }
            };
            if (escape != null) {
                xml.append(value, from, i).append(escape);
                from = i + 1;
            }
        }
        xml.append(value, from, n);
    }
}
