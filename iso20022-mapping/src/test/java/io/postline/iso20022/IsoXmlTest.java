package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The XML frame the two writers share: its exact shape, its escapes, and elements left open or closed twice. */
class IsoXmlTest {

    @Test
    void aDocumentIsTheDeclarationThenDocumentInTheNamespaceAroundTheRoot() {
        String xml = IsoXml.document("urn:test", "Root", w -> w.start("A").text("B", "b").end().text("C", "c"));
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:test\">"
                + "<Root><A><B>b</B></A><C>c</C></Root></Document>");
    }

    @Test
    void markupInTextAndAttributesIsEscapedAndReadsBackAsWritten() throws Exception {
        String text = "A & B <C> \"D\" 'E' ]]> Zürich 𝄞";
        String xml = IsoXml.document("urn:test", "Root", w -> w.text("Amt", "Ccy", text, text));
        assertThat(xml).contains("<Amt Ccy=\"A &amp; B &lt;C&gt; &quot;D&quot; 'E' ]]&gt; Zürich 𝄞\">"
                + "A &amp; B &lt;C&gt; \"D\" 'E' ]]&gt; Zürich 𝄞</Amt>");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element amount = (Element) factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                .getElementsByTagNameNS("urn:test", "Amt").item(0);
        assertThat(amount.getTextContent()).isEqualTo(text);
        assertThat(amount.getAttribute("Ccy")).isEqualTo(text);
    }

    @Test
    void aBodyThatLeavesAnElementOpenOrClosesOneTooManyIsRefused() {
        assertThatThrownBy(() -> IsoXml.document("urn:test", "Root", w -> w.start("A").start("B").end()))
                .isInstanceOf(IllegalStateException.class).hasMessage("<A> is not closed");
        assertThatThrownBy(() -> IsoXml.document("urn:test", "Root", w -> w.start("A").end().end()))
                .isInstanceOf(IllegalStateException.class).hasMessage("no element is open under the root");
    }

    @Test
    void aMissingValueNamesItsElement() {
        assertThatThrownBy(() -> IsoXml.document("urn:test", "Root", w -> w.text("TxRef", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("TxRef");
    }

    @Test
    void aCharacterXmlForbidsIsRefusedNamingItsElementWhileTabsAndLineBreaksAreKept() throws Exception {
        assertThatThrownBy(() -> IsoXml.document("urn:test", "Root", w -> w.text("Nm", "Corner\u0007Coffee")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("<Nm> holds U+0007, which XML 1.0 does not allow");
        assertThatThrownBy(() -> IsoXml.document("urn:test", "Root", w -> w.text("Amt", "Ccy", "EU\uFFFF", "1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("<Amt> holds U+FFFF, which XML 1.0 does not allow");

        String xml = IsoXml.document("urn:test", "Root", w -> w.text("Ustrd", "a\tb\nc\rd"));
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        // A parser normalizes the carriage return to a line feed; the point is that the document is well-formed.
        assertThat(document.getElementsByTagName("Ustrd").item(0).getTextContent()).isEqualTo("a\tb\nc\nd");
    }
}
