package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JainParameterableTest {
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();

    @Test
    void valueAndParametersParse() throws ServletParseException {
        Parameterable p = JainParameterable.parse("text/plain ; charset=UTF-8;format=flowed");

        assertEquals("text/plain", p.getValue());
        assertEquals("UTF-8", p.getParameter("CHARSET"));
        assertEquals(List.of(Map.entry("charset", "UTF-8"), Map.entry("format", "flowed")), List.copyOf(p.getParameters()));
        assertEquals("text/plain;charset=UTF-8;format=flowed", p.toString());
    }

    @Test
    void quotedParameterValuesAreUnquotedAndRequotedWhenNeeded() throws ServletParseException {
        Parameterable p = JainParameterable.parse("attachment;filename=\"my \\\"notes\\\".txt\";handling=optional");

        assertEquals("my \"notes\".txt", p.getParameter("filename"));
        p.setParameter("filename", "plain.txt");
        p.setParameter("note", "two words");
        p.setParameter("flag", "");
        assertEquals("attachment;filename=plain.txt;handling=optional;note=\"two words\";flag", p.toString());
        assertEquals("", p.getParameter("flag"));
        p.removeParameter("FLAG");
        assertNull(p.getParameter("flag"));
    }

    @Test
    void valueOfAUriInBracketsKeepsItsSemicolons() throws ServletParseException {
        Parameterable p = JainParameterable.parse("<http://www.example.com/alice/photo.jpg;size=2>;purpose=icon");

        assertEquals("<http://www.example.com/alice/photo.jpg;size=2>", p.getValue());
        assertEquals("icon", p.getParameter("purpose"));
    }

    @Test
    void commentInTheValueMayHoldSemicolons() throws ServletParseException {
        Parameterable p = JainParameterable.parse("120 (in a meeting; back (soon)) ;duration=60");

        assertEquals("120 (in a meeting; back (soon))", p.getValue());
        assertEquals("60", p.getParameter("duration"));
    }

    @Test
    void setValueWritesThroughToTypedJainSipHeaders() throws Exception {
        ContentTypeHeader contentType = HEADERS.createContentTypeHeader("application", "sdp");
        contentType.setParameter("charset", "UTF-8");
        Parameterable view = new JainParameterable(contentType, false);
        view.setValue("multipart/mixed");
        view.setParameter("boundary", "unique-boundary-1");

        assertEquals("Content-Type: multipart/mixed;charset=UTF-8;boundary=unique-boundary-1\r\n", contentType.toString());
        assertThrows(IllegalArgumentException.class, () -> view.setValue("not-a-media-type"));

        EventHeader event = (EventHeader) HEADERS.createHeader("Event", "presence;id=7");
        Parameterable eventView = new JainParameterable(event, false);
        assertEquals("presence", eventView.getValue());
        eventView.setValue("dialog");
        assertEquals("Event: dialog;id=7\r\n", event.toString());
        assertThrows(IllegalArgumentException.class, () -> eventView.setValue("dialog;id=8"));
    }

    @Test
    void addressHeaderAsParameterableSetsNameAndUri() throws Exception {
        Header from = HEADERS.createHeader("From", "Alice <sip:alice@example.com>;tag=9");
        Parameterable view = new JainParameterable(from, false);

        assertEquals("\"Alice\" <sip:alice@example.com>", view.getValue());
        view.setValue("\"Carol, C.\" <sip:carol@example.com>");
        assertEquals("From: \"Carol, C.\" <sip:carol@example.com>;tag=9\r\n", from.toString());
        assertThrows(IllegalArgumentException.class, () -> view.setValue("*"));
    }

    @Test
    void readOnlyParameterableRefusesSetters() throws Exception {
        Header via = HEADERS.createHeader("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport");
        Parameterable view = new JainParameterable(via, true);

        assertEquals("SIP/2.0/UDP 192.0.2.1:5060", view.getValue());
        assertEquals("z9hG4bK776asdhds", view.getParameter("branch"));
        assertEquals("", view.getParameter("rport"));
        for (Executable setter : List.<Executable>of(
                () -> view.setValue("SIP/2.0/TCP 192.0.2.1"),
                () -> view.setParameter("branch", "z9hG4bKother"),
                () -> view.removeParameter("rport"))) {
            assertThrows(IllegalStateException.class, setter);
        }
        assertEquals("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport\r\n", via.toString());
    }

    @Test
    void cloneIsAnIndependentModifiableCopy() throws Exception {
        Header event = HEADERS.createHeader("Event", "presence;id=7");
        Parameterable readOnly = new JainParameterable(event, true);
        Parameterable copy = (Parameterable) readOnly.clone();
        copy.setParameter("id", "8");
        copy.setValue("dialog");

        assertEquals("presence;id=7", readOnly.toString());
        assertEquals("dialog;id=8", copy.toString());
    }

    @Test
    void equalityIgnoresCaseAndParameterOrder() throws ServletParseException {
        Parameterable a = JainParameterable.parse("Application/SDP;level=1;Foo=Bar");

        assertEquals(a, JainParameterable.parse("application/sdp;foo=bar;LEVEL=1"));
        assertEquals(a.hashCode(), JainParameterable.parse("application/sdp;foo=bar;LEVEL=1").hashCode());
        assertNotEquals(a, JainParameterable.parse("application/sdp;level=1"));
        assertNotEquals(a, JainParameterable.parse("application/sdp;level=2;foo=bar"));
        assertNotEquals(a, JainParameterable.parse("text/plain;level=1;foo=bar"));
    }

    @Test
    void toHeaderMakesTheNamedHeader() throws ServletParseException {
        JainParameterable p = JainParameterable.parse("application/sdp;charset=UTF-8");

        Header typed = p.toHeader("Content-Type");
        assertInstanceOf(ContentTypeHeader.class, typed);
        assertEquals("Content-Type: application/sdp;charset=UTF-8\r\n", typed.toString());
        Header custom = JainParameterable.parse("gold ; tier=2").toHeader("X-Service-Class");
        assertEquals("X-Service-Class: gold;tier=2\r\n", custom.toString());
        JainParameterable view = new JainParameterable(custom, false);
        view.setParameter("tier", "3");
        view.setValue("silver");
        assertEquals("X-Service-Class: silver;tier=3\r\n", custom.toString());
        assertThrows(ServletParseException.class, () -> p.toHeader("Content-Type:"));
    }

    @Test
    void headerWithoutParametersCannotBeWrapped() throws Exception {
        Header extension = HEADERS.createHeader("X-Plain", "value");

        assertThrows(IllegalArgumentException.class, () -> new JainParameterable(extension, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ";x=1", "a;;b", "a;b=", "a;b=c d", "text/plain\r\nX-Evil: 1", "a, b",
            "\"unterminated", "a;x=\"open", "120 (open comment", "a;x=1;X=2", "a;[bad]"})
    void malformedParameterableThrowsServletParseException(String text) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> JainParameterable.parse(text));
        assertTrue(e.getMessage().startsWith("Bad header value"), e.getMessage());
    }
}
