package io.postline.iso20022;

import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The frame every ISO 20022 document shares: {@code Document} in the message's namespace, one root element. */
final class IsoXml {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private IsoXml() {
    }

    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    /** Writes {@code <Document xmlns=namespace><root>body</root></Document>}; {@code subject} names it in errors. */
    static String document(String namespace, String root, String subject, Body body) {
        // Not a StringWriter: its StringBuffer takes a lock for every character the XML writer sends one at a
        // time (each tag's '<', '/' and '>'), 5 % of the services' CPU in the batch-file benchmark (JFR).
        StringBuilderWriter out = new StringBuilderWriter(2048);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(namespace);
            w.writeStartElement(root);
            body.write(w);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + subject, e);
        }
        return out.toString();
    }

    static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** An unsynchronized writer into a {@link StringBuilder}. */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder text;

        StringBuilderWriter(int capacity) {
            text = new StringBuilder(capacity);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
