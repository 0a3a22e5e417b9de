package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JainAddressTest {
    private static final String INVITE = String.join("\r\n",
            "INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@biloxi.example.com>",
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@pc33.atlanta.example.com;transport=udp>",
            "Route: <sip:proxy.atlanta.example.com;lr>",
            "Content-Length: 0", "", "");

    private static Request invite() throws Exception {
        return new MessageFactoryImpl().createRequest(INVITE);
    }

    private static JainAddress header(Request request, String name, JainAddress.Mutability mutability) {
        return new JainAddress((AddressParametersHeader) request.getHeader(name), mutability);
    }

    @Test
    void nameAddrAndAddrSpecParse() throws ServletParseException {
        Address nameAddr = JainAddress.parse("\"Alice A.\" <sip:alice@atlanta.com;transport=tcp>;tag=88");
        Address addrSpec = JainAddress.parse("sip:alice@atlanta.com;tag=88");

        assertEquals("Alice A.", nameAddr.getDisplayName());
        assertEquals("tcp", ((SipURI) nameAddr.getURI()).getTransportParam());
        assertEquals("88", nameAddr.getParameter("tag"));
        assertNull(addrSpec.getDisplayName());
        assertEquals("88", addrSpec.getParameter("tag"));
        assertNull(addrSpec.getURI().getParameter("tag"));
        assertEquals("<sip:alice@atlanta.com>;tag=88", addrSpec.toString());
    }

    @Test
    void displayNameWithSpecialCharactersIsQuoted() throws ServletParseException {
        Address address = JainAddress.parse("<sip:jd@example.com>");
        address.setDisplayName("Doe, John \"JD\" \\o/");

        assertEquals("\"Doe, John \\\"JD\\\" \\\\o/\" <sip:jd@example.com>", address.toString());
        assertEquals("Doe, John \"JD\" \\o/", address.getDisplayName());
        assertEquals("Doe, John \"JD\" \\o/", JainAddress.parse(address.toString()).getDisplayName());
        // The header JAIN-SIP puts on the wire carries the same quoting.
        assertEquals("\"Doe, John \\\"JD\\\" \\\\o/\" <sip:jd@example.com>",
                ((JainAddress) address).backingHeader().getHeaderValue());
    }

    @Test
    void displayNameOfTokensStaysBare() throws ServletParseException {
        Address address = JainAddress.parse("\"Alice Smith\" <sip:alice@example.com>");

        assertEquals("Alice Smith <sip:alice@example.com>", address.toString());
        address.setDisplayName("Alice  Smith");
        assertEquals("\"Alice  Smith\" <sip:alice@example.com>", address.toString());
        address.setDisplayName("");
        assertEquals("\"\" <sip:alice@example.com>", address.toString());
        address.setDisplayName(null);
        assertEquals("<sip:alice@example.com>", address.toString());
        assertNull(address.getDisplayName());
    }

    @Test
    void displayNameWithLineBreakIsRefused() throws ServletParseException {
        Address address = JainAddress.parse("Bob <sip:bob@example.com>");

        assertThrows(IllegalArgumentException.class, () -> address.setDisplayName("Bob\r\nVia: SIP/2.0/UDP evil"));
        assertEquals("Bob", address.getDisplayName());
    }

    @Test
    void unicodeDisplayNameRoundTrips() throws ServletParseException {
        Address address = JainAddress.of(JainURIs.parse("sip:j@example.com"), "Jürgen Ünal");

        assertEquals("\"Jürgen Ünal\" <sip:j@example.com>", address.toString());
        assertEquals("Jürgen Ünal", JainAddress.parse(address.toString()).getDisplayName());
    }

    @Test
    void expiresAndQReadAndWrite() throws ServletParseException {
        Address contact = JainAddress.parse("<sip:alice@192.0.2.4>;expires=3600;q=0.7");

        assertEquals(3600, contact.getExpires());
        assertEquals(0.7f, contact.getQ());
        contact.setQ(1.0f);
        contact.setExpires(0);
        assertEquals("<sip:alice@192.0.2.4>;expires=0;q=1.0", contact.toString());
        contact.setQ(0.3333f);
        assertEquals("0.333", contact.getParameter("q"));
        contact.setQ(-1.0f);
        contact.setExpires(-5);
        assertEquals(-1.0f, contact.getQ());
        assertEquals(-1, contact.getExpires());
        assertEquals("<sip:alice@192.0.2.4>", contact.toString());
        assertThrows(IllegalArgumentException.class, () -> contact.setQ(1.5f));
        assertThrows(IllegalArgumentException.class, () -> contact.setQ(Float.NaN));
    }

    @Test
    void malformedExpiresAndQReadAsAbsent() throws ServletParseException {
        Address contact = JainAddress.parse("<sip:alice@192.0.2.4>;expires=soon;q=high");

        assertEquals(-1, contact.getExpires());
        assertEquals(-1.0f, contact.getQ());
        assertEquals(Integer.MAX_VALUE, JainAddress.parse("<sip:a@b.com>;expires=99999999999").getExpires());
    }

    @Test
    void wildcardContactHasNoUriAndNoParameters() throws ServletParseException {
        JainAddress star = JainAddress.parse(" * ");

        assertTrue(star.isWildcard());
        assertNull(star.getURI());
        assertNull(star.getDisplayName());
        assertEquals("*", star.toString());
        assertThrows(IllegalStateException.class, () -> star.setExpires(0));
        assertTrue(((ContactHeader) star.toHeader("Contact")).isWildCard());
        assertThrows(ServletParseException.class, () -> star.toHeader("From"));
        assertEquals(star, JainAddress.parse("*"));
        assertNotEquals(star, JainAddress.parse("<sip:a@b.com>"));

        star.setURI(JainURIs.parse("sip:a@b.com"));
        assertFalse(star.isWildcard());
        assertEquals("<sip:a@b.com>", star.toString());
        assertEquals("Contact: <sip:a@b.com>\r\n", star.toHeader("Contact").toString());
    }

    @Test
    void parametersAreCaseInsensitiveQuotedWhenNeededAndInOrder() throws ServletParseException {
        Address address = JainAddress.parse("<sip:a@example.com>;Foo=1;+sip.instance=\"<urn:uuid:f81d4fae>\"");
        address.setParameter("FOO", "2");
        address.setParameter("reason", "no answer \"yet\"");
        address.setParameter("ob", "");
        address.setParameter("received", "[2001:db8::9]");

        assertEquals("<urn:uuid:f81d4fae>", address.getParameter("+SIP.INSTANCE"));
        assertEquals("<sip:a@example.com>;Foo=2;+sip.instance=\"<urn:uuid:f81d4fae>\";reason=\"no answer \\\"yet\\\"\""
                + ";ob;received=[2001:db8::9]", address.toString());
        assertEquals("no answer \"yet\"", JainAddress.parse(address.toString()).getParameter("reason"));
        List<String> names = new ArrayList<>();
        address.getParameters().forEach(e -> names.add(e.getKey()));
        assertEquals(List.of("Foo", "+sip.instance", "reason", "ob", "received"), names);
        assertEquals(Map.entry("ob", ""), List.copyOf(address.getParameters()).get(3));
        assertThrows(IllegalArgumentException.class, () -> address.setParameter("bad name", "x"));
        address.setParameter("ob", null);
        assertNull(address.getParameter("ob"));
    }

    @Test
    void alreadyQuotedParameterValueIsNotQuotedTwice() throws ServletParseException {
        Address address = JainAddress.parse("<sip:a@example.com>");
        address.setParameter("+sip.instance", "\"<urn:uuid:1>\"");

        assertEquals("<sip:a@example.com>;+sip.instance=\"<urn:uuid:1>\"", address.toString());
        assertEquals("<urn:uuid:1>", address.getParameter("+sip.instance"));
    }

    @Test
    void cloneIsAnIndependentModifiableCopyWithoutTag() throws Exception {
        JainAddress from = header(invite(), "From", JainAddress.Mutability.READ_ONLY);
        JainAddress copy = from.clone();

        assertNull(copy.getParameter("tag"));
        assertEquals("Alice <sip:alice@atlanta.example.com>", copy.toString());
        copy.setDisplayName("Carol");
        ((SipURI) copy.getURI()).setUser("carol");
        copy.setParameter("x", "1");
        assertEquals("Alice <sip:alice@atlanta.example.com>;tag=1928301774", from.toString());
        assertEquals("Carol <sip:carol@atlanta.example.com>;x=1", copy.toString());
    }

    @Test
    void equalityComparesUriAndSharedParametersNotDisplayName() throws ServletParseException {
        Address a = JainAddress.parse("Alice <sip:alice@Atlanta.com>;tag=1;x=2");

        assertEquals(a, JainAddress.parse("\"Someone Else\" <sip:alice@atlanta.com>;tag=1"));
        assertEquals(a.hashCode(), JainAddress.parse("<sip:alice@atlanta.com>;tag=1").hashCode());
        assertNotEquals(a, JainAddress.parse("<sip:alice@atlanta.com>;tag=2"));
        assertNotEquals(a, JainAddress.parse("<sip:alice@atlanta.com>"));
        assertNotEquals(a, JainAddress.parse("<sip:alice@atlanta.com>;tag=1;x=3"));
        assertNotEquals(a, JainAddress.parse("<sip:Alice@atlanta.com>;tag=1"));
    }

    @Test
    void readOnlyAddressRefusesSetters() throws Exception {
        Request request = invite();
        JainAddress route = header(request, "Route", JainAddress.Mutability.READ_ONLY);
        SipURI uri = (SipURI) route.getURI();

        List<Executable> setters = List.of(
                () -> route.setDisplayName("x"),
                () -> route.setURI(JainURIs.parse("sip:evil.example.com")),
                () -> route.setParameter("x", "1"),
                () -> route.removeParameter("x"),
                () -> route.setExpires(10),
                () -> route.setQ(0.5f),
                () -> route.setValue("<sip:evil.example.com>"),
                () -> uri.setHost("evil.example.com"),
                () -> uri.setUser("x"),
                () -> uri.setLrParam(false),
                () -> uri.setHeader("Subject", "x"));
        for (Executable setter : setters) {
            assertThrows(IllegalStateException.class, setter);
        }
        assertEquals("Route: <sip:proxy.atlanta.example.com;lr>\r\n", request.getHeader("Route").toString());
    }

    @Test
    void systemFromAddressRefusesTagChangesButAllowsOthers() throws Exception {
        Request request = invite();
        JainAddress from = header(request, "From", JainAddress.Mutability.SYSTEM_TAG_LOCKED);

        assertThrows(IllegalStateException.class, () -> from.setParameter("tag", "other"));
        assertThrows(IllegalStateException.class, () -> from.setParameter("TAG", null));
        assertThrows(IllegalStateException.class, () -> from.removeParameter("Tag"));
        from.setDisplayName("Alice Liddell");
        ((SipURI) from.getURI()).setUser("alice.liddell");
        from.setParameter("x-id", "7");

        assertEquals("From: \"Alice Liddell\" <sip:alice.liddell@atlanta.example.com>;tag=1928301774;x-id=7\r\n",
                request.getHeader("From").toString());
    }

    @Test
    void systemContactLetsTheUserPartAndParametersChangeButNotTheRouting() throws Exception {
        Request request = invite();
        JainAddress contact = header(request, "Contact", JainAddress.Mutability.CONTACT_SYSTEM);
        SipURI uri = (SipURI) contact.getURI();

        assertThrows(IllegalStateException.class, () -> contact.setURI(JainURIs.parse("sip:x@evil.example.com")));
        assertThrows(IllegalStateException.class, () -> contact.setValue("<sip:x@evil.example.com>"));
        assertThrows(IllegalStateException.class, () -> uri.setHost("evil.example.com"));
        assertThrows(IllegalStateException.class, () -> uri.setPort(6000));
        assertThrows(IllegalStateException.class, () -> uri.setSecure(true));
        assertThrows(IllegalStateException.class, () -> uri.setTransportParam("tcp"));
        assertThrows(IllegalStateException.class, () -> uri.removeParameter("Transport"));
        uri.setUser("gruu-user");
        uri.setParameter("gr", "");
        contact.setDisplayName("Alice");
        contact.setParameter("+sip.instance", "<urn:uuid:1>");

        assertEquals("Contact: \"Alice\" <sip:gruu-user@pc33.atlanta.example.com;transport=udp;gr>"
                + ";+sip.instance=\"<urn:uuid:1>\"\r\n", request.getHeader("Contact").toString());
    }

    @Test
    void changesWriteThroughToTheMessage() throws Exception {
        Request request = invite();
        JainAddress to = header(request, "To", JainAddress.Mutability.MUTABLE);
        to.setURI(JainURIs.parse("sips:robert@biloxi.example.com"));
        to.setDisplayName("Robert");
        to.setParameter("tag", "a6c85cf");

        String wire = request.toString();
        assertTrue(wire.contains("To: \"Robert\" <sips:robert@biloxi.example.com>;tag=a6c85cf\r\n"), wire);
        assertEquals(to, JainAddress.parse(((SIPHeader) request.getHeader("To")).getHeaderValue()));
    }

    @Test
    void setUriTakesACopy() throws ServletParseException {
        Address address = JainAddress.parse("<sip:a@example.com>");
        SipURI uri = (SipURI) JainURIs.parse("sip:b@example.com");
        address.setURI(uri);
        uri.setUser("changed-later");

        assertEquals("<sip:b@example.com>", address.toString());
    }

    @Test
    void setValueReplacesNameAndUriButKeepsParameters() throws ServletParseException {
        Address address = JainAddress.parse("Alice <sip:alice@example.com>;tag=1");
        address.setValue("\"Bob, B.\" <tel:+1-212-555-0101>");

        assertEquals("\"Bob, B.\" <tel:+1-212-555-0101>;tag=1", address.toString());
        assertEquals("\"Bob, B.\" <tel:+1-212-555-0101>", address.getValue());
        assertEquals("Bob, B.", address.getDisplayName());
        assertThrows(IllegalArgumentException.class, () -> address.setValue("<sip:c@example.com>;x=1"));
        assertThrows(IllegalArgumentException.class, () -> address.setValue("not an address"));
    }

    @Test
    void ofCopiesTheUri() throws ServletParseException {
        SipURI uri = (SipURI) JainURIs.parse("sip:alice@example.com");
        Address address = JainAddress.of(uri, null);
        uri.setUser("bob");

        assertEquals("<sip:alice@example.com>", address.toString());
        assertNull(address.getDisplayName());
    }

    @Test
    void toHeaderMakesTheNamedJainSipHeader() throws Exception {
        JainAddress address = JainAddress.parse("<sip:proxy.example.com;lr>;x=1");

        Header route = address.toHeader("Route");
        assertInstanceOf(RouteHeader.class, route);
        assertEquals("Route: <sip:proxy.example.com;lr>;x=1\r\n", route.toString());
        Header pai = JainAddress.parse("\"Alice\" <sip:alice@example.com>").toHeader("P-Asserted-Identity");
        assertEquals("P-Asserted-Identity: \"Alice\" <sip:alice@example.com>\r\n", pai.toString());
        // A copy: changing it leaves the address alone.
        new JainAddress((AddressParametersHeader) route, JainAddress.Mutability.MUTABLE).setParameter("x", "2");
        assertEquals("1", address.getParameter("x"));
        assertThrows(ServletParseException.class, () -> address.toHeader("Bad Name"));
    }

    @Test
    void toHeaderKeepsParametersForHeadersJainSipDoesNotKnowOrWouldDrop() throws ServletParseException {
        JainAddress diversion = JainAddress.parse("<sip:+12125550101@example.com>;reason=unconditional;counter=1");
        Header header = diversion.toHeader("Diversion");

        assertEquals("Diversion: <sip:+12125550101@example.com>;reason=unconditional;counter=1\r\n", header.toString());
        JainAddress view = new JainAddress((AddressParametersHeader) header, JainAddress.Mutability.MUTABLE);
        view.setParameter("counter", "2");
        assertEquals("Diversion: <sip:+12125550101@example.com>;reason=unconditional;counter=2\r\n", header.toString());

        // JAIN-SIP's P-Served-User class encodes only sescase and regstate.
        Header servedUser = JainAddress.parse("<sip:user@example.com>;sescase=orig;x-orig-ioi=abc").toHeader("P-Served-User");
        assertEquals("P-Served-User: <sip:user@example.com>;sescase=orig;x-orig-ioi=abc\r\n", servedUser.toString());
    }

    @Test
    void fromHeaderOfAMessageParsesTheSameAsItsText() throws Exception {
        From from = (From) invite().getHeader("From");
        JainAddress view = new JainAddress(from, JainAddress.Mutability.READ_ONLY);

        assertEquals(JainAddress.parse(from.getHeaderValue()), view);
        assertEquals("Alice", view.getDisplayName());
        assertEquals("1928301774", view.getParameter("tag"));
        assertFalse(view.isWildcard());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<sip:a@example.com", "\"unterminated <sip:a@example.com>", "<sip:a@example.com> junk",
            "<sip:a@example.com>;", "<sip:a@example.com>;=x", "<sip:a@example.com>;tag=1;TAG=2", "Bob, Jr <sip:a@example.com>",
            "<sip:a@example.com>, <sip:c@example.com>", "sip:a@example.com?x=y", "<sip:a@example.com>\r\nVia: SIP/2.0/UDP evil",
            "<foo>", "*;q=1", "* *", "<sip:a b@example.com>", "< sip:a@example.com>", "<sip:a@example.com>;x=\"open",
            "<sip:a@example.com>;x=", "tel:7042;phone-context=example.com", "\"Bob\" sip:a@example.com", "<>"})
    void malformedAddressThrowsServletParseException(String text) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> JainAddress.parse(text));
        assertTrue(e.getMessage().startsWith("Bad "), e.getMessage());
    }

    @Test
    void parseErrorSaysWhereAndWhat() {
        ServletParseException e = assertThrows(ServletParseException.class,
                () -> JainAddress.parse("Bell, Alexander <sip:a.g.bell@example.com>"));

        assertEquals("Bad address \"Bell, Alexander <sip:a.g.bell@example.com>\": a display name other than words of"
                + " token characters must be quoted (RFC 3261 §25.1) (at offset 4)", e.getMessage());
        assertThrows(ServletParseException.class, () -> JainAddress.parse(null));
    }
}
