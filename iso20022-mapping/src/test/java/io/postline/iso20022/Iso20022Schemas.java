package io.postline.iso20022;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The bundled official XSDs, compiled once; validation errors come back as exceptions naming the line. */
public final class Iso20022Schemas {
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Iso20022Schemas() {
    }

    public static void validate(String xsd, String document) {
        Schema schema = SCHEMAS.computeIfAbsent(xsd, name -> {
            try {
                return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                        .newSchema(Iso20022Schemas.class.getResource("/iso20022/" + name));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot compile " + name, e);
            }
        });
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(document)));
        } catch (SAXException | java.io.IOException e) {
            throw new AssertionError("not valid against " + xsd + ": " + e.getMessage() + "\n" + document, e);
        }
    }
}
