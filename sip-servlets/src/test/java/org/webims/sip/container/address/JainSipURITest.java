package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JainSipURITest {
    private static SipURI sip(String text) throws ServletParseException {
        return (SipURI) JainURIs.parse(text);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 3261 §19.1.4, the equivalent pairs
            "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
            "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
                    + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
                    + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
            // IPv6 references compare by address (RFC 5954 §4.1)
            "sip:alice@[2001:db8::1]:5060 | sip:alice@[2001:DB8:0:0:0:0:0:1]:5060",
    })
    void sipUriEqualityFollowsRfc3261(String a, String b) throws ServletParseException {
        assertEquals(sip(a), sip(b));
        assertEquals(sip(b), sip(a));
        assertEquals(sip(a).hashCode(), sip(b).hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 3261 §19.1.4, the pairs that are not equivalent
            "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
            "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
            "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
            "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
            "sip:alice@atlanta.com | sips:alice@atlanta.com",
            "sip:alice@atlanta.com | sip:alice@atlanta.com;maddr=239.255.255.1",
            "sip:alice@atlanta.com;user=phone | sip:alice@atlanta.com",
    })
    void sipUriInequalityFollowsRfc3261(String a, String b) throws ServletParseException {
        assertNotEquals(sip(a), sip(b));
        assertNotEquals(sip(b), sip(a));
    }

    @Test
    void sipUriEqualityIgnoresParameterOrderButNotUserCase() throws ServletParseException {
        assertEquals(sip("sip:bob@Example.com;lr;transport=udp"), sip("sip:bob@example.COM;transport=UDP;lr"));
        assertNotEquals(sip("sip:Bob@example.com"), sip("sip:bob@example.com"));
    }

    @Test
    void setterValuesAreEscapedAndGettersUnescape() throws ServletParseException {
        SipURI uri = JainURIs.sipURI("alice smith@home", "example.com");
        uri.setUserPassword("p@ss:word");
        uri.setParameter("note", "a;b c");
        uri.setHeader("Subject", "hi there & more");

        assertEquals("sip:alice%20smith%40home:p%40ss%3Aword@example.com;note=a%3Bb%20c?Subject=hi%20there%20%26%20more",
                uri.toString());
        assertEquals("alice smith@home", uri.getUser());
        assertEquals("p@ss:word", uri.getUserPassword());
        assertEquals("a;b c", uri.getParameter("note"));
        assertEquals("hi there & more", uri.getHeader("subject"));
        assertEquals(uri, sip(uri.toString()));
    }

    @Test
    void telephoneSubscriberUserKeepsItsSemicolons() throws ServletParseException {
        SipURI uri = JainURIs.sipURI("+1-212-555-0101;isub=1411", "gw.example.com");
        uri.setUserParam("phone");

        assertEquals("sip:+1-212-555-0101;isub=1411@gw.example.com;user=phone", uri.toString());
        SipURI parsed = sip(uri.toString());
        assertEquals("+1-212-555-0101;isub=1411", parsed.getUser());
        assertEquals(List.of("user"), names(parsed));
    }

    @Test
    void nonAsciiUserIsEscapedAsUtf8() throws ServletParseException {
        SipURI uri = JainURIs.sipURI("jürgen", "example.com");

        assertEquals("sip:j%C3%BCrgen@example.com", uri.toString());
        assertEquals("jürgen", sip(uri.toString()).getUser());
    }

    @Test
    void ipv6HostGetsBracketsAndRoundTrips() throws ServletParseException {
        SipURI uri = JainURIs.sipURI("bob", "2001:db8::7");
        uri.setPort(5070);

        assertEquals("[2001:db8::7]", uri.getHost());
        assertEquals("sip:bob@[2001:db8::7]:5070", uri.toString());
        SipURI parsed = sip("sips:[2001:db8::7]:5071;transport=tcp");
        assertEquals("[2001:db8::7]", parsed.getHost());
        assertEquals(5071, parsed.getPort());
        assertNull(parsed.getUser());
        assertTrue(parsed.isSecure());
    }

    @Test
    void wellKnownParametersReadAndWrite() throws ServletParseException {
        SipURI uri = sip("sip:alice@atlanta.com;transport=tcp;user=phone;lr;maddr=239.255.255.1;ttl=15;method=REGISTER");

        assertEquals("tcp", uri.getTransportParam());
        assertEquals("phone", uri.getUserParam());
        assertTrue(uri.getLrParam());
        assertEquals("", uri.getParameter("lr"));
        assertEquals("239.255.255.1", uri.getMAddrParam());
        assertEquals(15, uri.getTTLParam());
        assertEquals("REGISTER", uri.getMethodParam());
        assertEquals(List.of("transport", "user", "lr", "maddr", "ttl", "method"), names(uri));

        uri.setLrParam(false);
        uri.setTTLParam(-1);
        uri.setTransportParam("udp");
        uri.setMethodParam(null);
        uri.setMAddrParam("example.net");
        uri.setUserParam("ip");

        assertEquals("sip:alice@atlanta.com;transport=udp;user=ip;maddr=example.net", uri.toString());
        assertFalse(uri.getLrParam());
        assertEquals(-1, uri.getTTLParam());
        assertThrows(IllegalArgumentException.class, () -> uri.setTTLParam(256));
    }

    @Test
    void parameterNamesAreCaseInsensitiveAndKeepTheirPlace() throws ServletParseException {
        SipURI uri = sip("sip:a@example.com;Foo=1;bar=2");
        uri.setParameter("FOO", "3");
        uri.setParameter("flag", "");

        assertEquals("sip:a@example.com;Foo=3;bar=2;flag", uri.toString());
        assertEquals("3", uri.getParameter("foo"));
        uri.removeParameter("BAR");
        uri.setParameter("flag", null);
        assertEquals("sip:a@example.com;Foo=3", uri.toString());
    }

    @Test
    void uriHeadersReadWriteAndRemove() throws ServletParseException {
        SipURI uri = sip("sip:bob@example.com?Subject=lunch&Priority=urgent");

        assertEquals(List.of("Subject", "Priority"), headerNames(uri));
        assertEquals("urgent", uri.getHeader("priority"));
        uri.removeHeader("subject");
        uri.setHeader("Call-Info", "<http://x/y>");
        assertEquals("sip:bob@example.com?Priority=urgent&Call-Info=%3Chttp://x/y%3E", uri.toString());
    }

    @Test
    void secureFlagSwitchesScheme() throws ServletParseException {
        SipURI uri = sip("sips:alice@example.com");

        assertTrue(uri.isSecure());
        assertEquals("sips", uri.getScheme());
        uri.setSecure(false);
        assertEquals("sip:alice@example.com", uri.toString());
        assertFalse(uri.isSecure());
    }

    @Test
    void portAndUserCanBeRemoved() throws ServletParseException {
        SipURI uri = sip("sip:alice:secret@example.com:5080");
        uri.setPort(-1);
        uri.setUserPassword(null);
        uri.setUser(null);

        assertEquals("sip:example.com", uri.toString());
        assertEquals(-1, uri.getPort());
        assertThrows(IllegalArgumentException.class, () -> uri.setPort(65536));
        assertThrows(IllegalStateException.class, () -> uri.setUserPassword("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad host", "-leading.example.com", "example..com", "1.2.3.256", "[::g]", "a_b.com", ""})
    void badHostIsRefused(String host) throws ServletParseException {
        SipURI uri = sip("sip:a@example.com");

        assertThrows(IllegalArgumentException.class, () -> uri.setHost(host));
        assertEquals("example.com", uri.getHost());
    }

    @Test
    void cloneIsADeepCopy() throws ServletParseException {
        SipURI original = sip("sip:alice@example.com;transport=tcp?Subject=x");
        SipURI copy = (SipURI) original.clone();

        assertEquals(original, copy);
        copy.setUser("bob");
        copy.setHost("example.net");
        copy.setParameter("transport", "udp");
        copy.setHeader("Subject", "y");
        assertEquals("sip:alice@example.com;transport=tcp?Subject=x", original.toString());
        assertEquals("sip:bob@example.net;transport=udp?Subject=y", copy.toString());
    }

    @Test
    void wrapAndUnwrapShareTheBackingObject() throws ServletParseException {
        JainSipURI uri = (JainSipURI) sip("sip:alice@example.com");

        assertSame(uri.backing(), JainURIs.unwrap(uri));
        assertInstanceOf(JainSipURI.class, JainURIs.wrap(uri.backing()));
        uri.setUser("carol");
        assertEquals("carol", uri.backing().getUser());
        assertNull(JainURIs.wrap(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:alice@", "sip:@example.com", "sip:a@example.com:99999", "sip:a@example.com:port",
            "sip:a@example.com;;x", "sip:a@example.com;transport=", "sip:a b@example.com", "sip:a@example.com?x",
            "sip:a@@example.com", "sip:a@[::1", "sip:a@example.com; lr", "sip:a@exa\"mple.com", "sip:a@example.com%zz",
            "sip:a@example.com\r\nVia: SIP/2.0/UDP evil", "<sip:a@example.com>", "alice@example.com", ":x", ""})
    void malformedSipUriThrowsServletParseException(String text) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> JainURIs.parse(text));
        assertTrue(e.getMessage().startsWith("Bad URI"), e.getMessage());
    }

    @Test
    void parseErrorSaysWhatIsWrong() {
        ServletParseException e = assertThrows(ServletParseException.class, () -> JainURIs.parse("sip:a@example.com:70000"));

        assertEquals("Bad URI \"sip:a@example.com:70000\": port 70000 is above 65535", e.getMessage());
    }

    @Test
    void schemeIsCaseInsensitive() throws ServletParseException {
        assertEquals("sip:alice@example.com", sip("SIP:alice@example.com").toString());
        assertTrue(sip("SiPs:alice@example.com").isSecure());
    }

    private static List<String> names(SipURI uri) {
        List<String> names = new ArrayList<>();
        uri.getParameterNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> headerNames(SipURI uri) {
        List<String> names = new ArrayList<>();
        uri.getHeaderNames().forEachRemaining(names::add);
        return names;
    }
}
