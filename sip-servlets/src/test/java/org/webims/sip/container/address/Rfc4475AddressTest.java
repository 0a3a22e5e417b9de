package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The addresses, URIs and parameterable values of the RFC 4475 torture messages. */
class Rfc4475AddressTest {
    private static final List<String> VALID = List.of("esc01", "escnull", "lwsdisp", "esc02", "wsinv",
            "intmeth", "longreq", "semiuri", "transports", "dblreq", "unreason", "noreason", "cparam01",
            "cparam02", "regescrt", "inv2543", "unksm2", "unkscm", "novelsc");
    private static final List<String> ADDRESS_HEADERS = List.of("from", "to", "contact", "route", "record-route");

    static Stream<Arguments> validAddresses() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : VALID) {
            Rfc4475Message message = Rfc4475Message.load(file);
            for (String header : ADDRESS_HEADERS) {
                for (String value : message.values(header)) {
                    cases.add(Arguments.of(file + " " + header, value));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validAddresses")
    void validAddressSurvivesRoundTrip(String where, String value) throws ServletParseException {
        JainAddress parsed = JainAddress.parse(value);
        JainAddress reparsed = JainAddress.parse(parsed.toString());

        assertEquals(parsed, reparsed);
        assertEquals(parsed.toString(), reparsed.toString());
        assertEquals(parsed.getDisplayName(), reparsed.getDisplayName());
        assertEquals(parsed.getParameters(), reparsed.getParameters());
        // What goes on the wire parses back to the same address too.
        assertEquals(parsed, JainAddress.parse(parsed.backingHeader().getHeaderValue()));
    }

    static Stream<Arguments> validRequestUris() {
        return VALID.stream().filter(f -> !f.equals("unreason") && !f.equals("noreason"))
                .map(f -> Arguments.of(f, Rfc4475Message.load(f).requestUri()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validRequestUris")
    void validRequestUriSurvivesRoundTrip(String file, String text) throws ServletParseException {
        URI parsed = JainURIs.parse(text);

        assertEquals(parsed, JainURIs.parse(parsed.toString()));
        assertEquals(parsed.toString(), JainURIs.parse(parsed.toString()).toString());
    }

    @Test
    void escapedCharactersInUrisAreUnescapedForTheApplication() throws ServletParseException {
        Rfc4475Message esc01 = Rfc4475Message.load("esc01");

        SipURI requestUri = (SipURI) JainURIs.parse(esc01.requestUri());
        assertEquals("sips:user@example.com", requestUri.getUser());
        assertEquals("example.net", requestUri.getHost());
        assertEquals("user", ((SipURI) JainAddress.parse(esc01.value("to")).getURI()).getUser());
        assertEquals("I have spaces", ((SipURI) JainAddress.parse(esc01.value("from")).getURI()).getUser());
        // RFC 4475 §3.1.1.2: ";%6C%72;n%61me=v%61lue%25%34%31" is ";lr;name=value%41".
        SipURI contact = (SipURI) JainAddress.parse(esc01.value("contact")).getURI();
        assertEquals("caller", contact.getUser());
        assertTrue(contact.getLrParam());
        assertEquals("value%41", contact.getParameter("name"));
        // Escaped and unescaped forms are the same URI (RFC 3261 §19.1.4).
        assertEquals(JainURIs.parse("sip:caller@host5.example.net;lr;name=value%2541"), contact);
    }

    @Test
    void escapedNullIsKeptInTheUserPart() throws ServletParseException {
        Rfc4475Message escnull = Rfc4475Message.load("escnull");

        assertEquals("null-\0-null", ((SipURI) JainAddress.parse(escnull.value("to")).getURI()).getUser());
        List<String> contacts = escnull.values("contact");
        assertEquals("\0", ((SipURI) JainAddress.parse(contacts.get(0)).getURI()).getUser());
        assertEquals("\0\0", ((SipURI) JainAddress.parse(contacts.get(1)).getURI()).getUser());
        assertEquals("sip:null-%00-null@example.com", JainAddress.parse(escnull.value("to")).getURI().toString());
    }

    @Test
    void displayNameWithoutSpaceBeforeBracketIsRead() throws ServletParseException {
        Address from = JainAddress.parse(Rfc4475Message.load("lwsdisp").value("from"));

        assertEquals("caller", from.getDisplayName());
        assertEquals("323", from.getParameter("tag"));
        assertEquals("caller <sip:caller@example.com>;tag=323", from.toString());
    }

    @Test
    void percentInQuotedDisplayNameIsNotAnEscape() throws ServletParseException {
        Address to = JainAddress.parse(Rfc4475Message.load("esc02").value("to"));

        assertEquals("%Z%45", to.getDisplayName());
    }

    @Test
    void foldedValuesWithQuotedPairsAndSpacedParametersAreRead() throws ServletParseException {
        Rfc4475Message wsinv = Rfc4475Message.load("wsinv");

        Address from = JainAddress.parse(wsinv.value("from"));
        assertEquals("J Rosenberg \\\"", from.getDisplayName());
        assertEquals("98asjd8", from.getParameter("tag"));
        Address to = JainAddress.parse(wsinv.value("to"));
        assertEquals("1918181833n", to.getParameter("tag"));
        Address contact = JainAddress.parse(wsinv.value("contact"));
        assertEquals("Quoted string \"\"", contact.getDisplayName());
        assertEquals("newvalue", contact.getParameter("newparam"));
        assertEquals("", contact.getParameter("secondparam"));
        assertEquals(0.33f, contact.getQ());
        SipURI route = (SipURI) JainAddress.parse(wsinv.value("route")).getURI();
        assertTrue(route.getLrParam());
        assertEquals("value", route.getParameter("unknownwith"));
        assertEquals("", route.getParameter("unknown-no-value"));
    }

    @Test
    void unusualButLegalCharactersSurvive() throws ServletParseException {
        Rfc4475Message intmeth = Rfc4475Message.load("intmeth");

        SipURI requestUri = (SipURI) JainURIs.parse(intmeth.requestUri());
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", requestUri.getUser());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", requestUri.getUserPassword());
        Address to = JainAddress.parse(intmeth.value("to"));
        // Quoted-pairs carry control characters: BEL, NUL, DEL.
        assertEquals("BEL:\u0007 NUL:\0 DEL:\u007f", to.getDisplayName());
        Address from = JainAddress.parse(intmeth.value("from"));
        assertEquals("token1~` token2'+_ token3*%!.-", from.getDisplayName());
        assertEquals("_token~1'+`*%!-.", from.getParameter("tag"));
        assertEquals("\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439", // "работающий"
                from.getParameter("fromParam''~+*_!.-%"));
        assertTrue(from.toString().startsWith("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>"),
                "a display name of tokens stays unquoted: " + from);
    }

    @Test
    void semicolonInUserPartIsPartOfTheUser() throws ServletParseException {
        SipURI uri = (SipURI) JainURIs.parse(Rfc4475Message.load("semiuri").requestUri());

        assertEquals("user;par=u@example.net", uri.getUser());
        assertEquals("example.com", uri.getHost());
        assertFalse(uri.getParameterNames().hasNext());
    }

    @Test
    void parametersAfterAnAddrSpecBelongToTheHeaderAndInsideBracketsToTheUri() throws ServletParseException {
        Address cparam01 = JainAddress.parse(Rfc4475Message.load("cparam01").value("contact"));
        Address cparam02 = JainAddress.parse(Rfc4475Message.load("cparam02").value("contact"));

        assertEquals("", cparam01.getParameter("unknownparam"));
        assertNull(cparam01.getURI().getParameter("unknownparam"));
        assertNull(cparam02.getParameter("unknownparam"));
        assertEquals("", cparam02.getURI().getParameter("unknownparam"));
    }

    @Test
    void escapedUriHeaderIsUnescaped() throws ServletParseException {
        Address contact = JainAddress.parse(Rfc4475Message.load("regescrt").value("contact"));

        assertEquals("<sip:sip.example.com>", ((SipURI) contact.getURI()).getHeader("Route"));
    }

    @Test
    void longValuesKeepEveryPart() throws ServletParseException {
        Rfc4475Message longreq = Rfc4475Message.load("longreq");

        Address to = JainAddress.parse(longreq.value("to"));
        assertTrue(to.getDisplayName().startsWith("I have a user name of extremeextreme"));
        SipURI uri = (SipURI) to.getURI();
        assertEquals(6000, uri.getPort());
        assertEquals("shortvalue", uri.getParameter(
                "longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"));
        String fromValue = longreq.value("from");
        Address from = JainAddress.parse(fromValue);
        assertEquals(fromValue.substring(fromValue.indexOf(";tag=") + 5, fromValue.indexOf(";unknownheaderparam")),
                from.getParameter("tag"));
        assertEquals("", from.getParameter("unknownValuelessparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamname"));
    }

    @Test
    void unknownSchemesAreKeptAsGenericUris() throws ServletParseException {
        Rfc4475Message unksm2 = Rfc4475Message.load("unksm2");

        assertEquals("isbn", JainAddress.parse(unksm2.value("to")).getURI().getScheme());
        assertEquals("http://www.example.com", JainAddress.parse(unksm2.value("from")).getURI().toString());
        URI contact = JainAddress.parse(unksm2.value("contact")).getURI();
        assertInstanceOf(JainGenericURI.class, contact);
        assertEquals("name:John_Smith", contact.toString());
        assertEquals("nobodyKnowsThisScheme", JainURIs.parse(Rfc4475Message.load("unkscm").requestUri()).getScheme());
        assertEquals("soap.beep", JainURIs.parse(Rfc4475Message.load("novelsc").requestUri()).getScheme());
    }

    @Test
    void telephoneSubscriberUserPartKeepsUserParam() throws ServletParseException {
        Rfc4475Message inv2543 = Rfc4475Message.load("inv2543");

        SipURI from = (SipURI) JainAddress.parse(inv2543.value("from")).getURI();
        assertEquals("+13035551111", from.getUser());
        assertEquals("phone", from.getUserParam());
        SipURI recordRoute = (SipURI) JainAddress.parse(inv2543.value("record-route")).getURI();
        assertEquals("ss1.example.com", recordRoute.getMAddrParam());
        assertInstanceOf(TelURL.class, JainURIs.parse("tel:+13035551111"));
    }

    static Stream<Arguments> invalidAddresses() {
        return Stream.of(
                Arguments.of("quotbal", "to"),      // §3.1.2.5 unbalanced quotes
                Arguments.of("baddn", "from"),      // §3.1.2.14 comma in an unquoted display name
                Arguments.of("baddn", "to"),
                Arguments.of("badaspec", "to"),     // §3.1.2.13 spaces inside < >
                Arguments.of("regbadct", "contact"), // §3.1.2.12 '?' in an unbracketed URI
                Arguments.of("badinv01", "contact")); // §3.1.2.1 empty parameters
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidAddresses")
    void invalidAddressIsRefusedWithServletParseException(String file, String header) {
        String value = Rfc4475Message.load(file).value(header);

        ServletParseException e = assertThrows(ServletParseException.class, () -> JainAddress.parse(value));
        assertTrue(e.getMessage().startsWith("Bad address"), e.getMessage());
    }

    @Test
    void invalidRequestUrisAreRefusedWithServletParseException() {
        // §3.1.2.6 angle brackets around the Request-URI; §3.1.2.7 whitespace inside it.
        for (String file : List.of("ltgtruri", "lwsruri")) {
            String text = Rfc4475Message.load(file).requestUri();
            assertThrows(ServletParseException.class, () -> JainURIs.parse(text), file);
        }
    }

    @Test
    void viaValuesOfEveryTransportAreParameterable() throws ServletParseException {
        List<String> vias = Rfc4475Message.load("transports").values("via");

        assertEquals(5, vias.size());
        JainParameterable unknown = JainParameterable.parse(vias.get(3));
        assertEquals("SIP/2.0/UNKNOWN t4.example.com", unknown.getValue());
        assertEquals("z9hG4bKasd0f3en", unknown.getParameter("branch"));
        for (String via : vias) {
            JainParameterable parsed = JainParameterable.parse(via);
            assertEquals(parsed, JainParameterable.parse(parsed.toString()));
        }
    }

    @Test
    void acceptListItemsAreParameterableOneByOne() throws ServletParseException {
        String accept = Rfc4475Message.load("semiuri").value("accept");

        assertThrows(ServletParseException.class, () -> JainParameterable.parse(accept));
        for (String item : accept.split(",")) {
            assertEquals(item.strip(), JainParameterable.parse(item).getValue());
        }
    }

    @Test
    void longUnknownHeaderValueKeepsItsSpacedParameter() throws ServletParseException {
        String value = Rfc4475Message.load("longreq").values("unknown-longlonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglong-name").get(0);

        JainParameterable parsed = JainParameterable.parse(value);
        assertTrue(parsed.getValue().startsWith("unknown-longlong"));
        assertTrue(parsed.getParameter("unknown-longlonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglong-parameter-name")
                .endsWith("-parameter-value"));
    }
}
