package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JainURIsTest {
    @Test
    void parseChoosesTheViewByScheme() throws ServletParseException {
        assertInstanceOf(JainSipURI.class, JainURIs.parse("sip:alice@example.com"));
        assertInstanceOf(JainSipURI.class, JainURIs.parse("sips:alice@example.com"));
        assertInstanceOf(JainTelURL.class, JainURIs.parse("tel:+1-212-555-0101"));
        assertInstanceOf(JainGenericURI.class, JainURIs.parse("urn:service:sos"));
        assertInstanceOf(JainGenericURI.class, JainURIs.parse("http://example.com/a?b=c#d"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws ServletParseException {
        assertEquals("sip:alice@example.com", JainURIs.parse("  sip:alice@example.com\t").toString());
    }

    @Test
    void genericUriComparesSchemeCaseInsensitivelyAndTheRestExactly() throws ServletParseException {
        URI urn = JainURIs.parse("urn:service:sos");

        assertEquals(urn, JainURIs.parse("URN:service:sos"));
        assertEquals(urn.hashCode(), JainURIs.parse("URN:service:sos").hashCode());
        assertNotEquals(urn, JainURIs.parse("urn:service:SOS"));
        assertFalse(urn.isSipURI());
        assertFalse(urn.getParameterNames().hasNext());
        assertNull(urn.getParameter("x"));
        assertThrows(UnsupportedOperationException.class, () -> urn.setParameter("x", "1"));
        assertEquals(urn, urn.clone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailto:a b@example.com", "http://example.com/<x>", "urn:", "1abc:x", "http://ex.com/%zz",
            "no-scheme"})
    void malformedGenericUriThrowsServletParseException(String text) {
        assertThrows(ServletParseException.class, () -> JainURIs.parse(text));
    }

    @Test
    void sipUriFactoryEscapesTheUserAndChecksTheHost() {
        SipURI uri = JainURIs.sipURI("+1 212 555 0101", "gw.example.com");

        assertEquals("sip:+1%20212%20555%200101@gw.example.com", uri.toString());
        assertEquals("sip:gw.example.com", JainURIs.sipURI(null, "gw.example.com").toString());
        assertThrows(IllegalArgumentException.class, () -> JainURIs.sipURI("alice", "not a host"));
    }

    @Test
    void unwrapReturnsTheBackingObjectOfEachView() throws ServletParseException {
        for (String text : new String[] {"sip:a@example.com", "tel:+1234", "urn:service:sos"}) {
            URI uri = JainURIs.parse(text);
            javax.sip.address.URI backing = JainURIs.unwrap(uri);
            assertSame(backing, JainURIs.unwrap(JainURIs.wrap(backing)));
            assertEquals(text, backing.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> JainURIs.unwrap(null));
    }
}
