package org.webims.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.TelURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JainTelURLTest {
    private static TelURL tel(String text) throws ServletParseException {
        return (TelURL) JainURIs.parse(text);
    }

    @Test
    void globalNumberHasNoPlusAndNoContext() throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123");

        assertTrue(url.isGlobal());
        assertEquals("1-201-555-0123", url.getPhoneNumber());
        assertNull(url.getPhoneContext());
        assertEquals("tel", url.getScheme());
        assertFalse(url.isSipURI());
    }

    @Test
    void localNumberCarriesItsPhoneContext() throws ServletParseException {
        TelURL url = tel("tel:863-1234;phone-context=+1-914-555");

        assertFalse(url.isGlobal());
        assertEquals("863-1234", url.getPhoneNumber());
        assertEquals("+1-914-555", url.getPhoneContext());
        assertEquals("+1-914-555", url.getParameter("phone-context"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 3966 §4: visual separators do not count, parameter order does not, case does not
            "tel:+1-201-555-0123 | tel:+1(201)555.0123",
            "tel:7042;phone-context=Example.COM | tel:7042;phone-context=example.com",
            "tel:863-1234;phone-context=+1-914-555 | tel:8631234;phone-context=+1914555",
            "tel:+358-555-1234567;postd=pp22;isub=1411 | tel:+358-555-1234567;ISUB=1411;postd=PP22",
            "tel:ABCD;phone-context=example.com | tel:abcd;phone-context=example.com",
    })
    void telUrlEqualityFollowsRfc3966(String a, String b) throws ServletParseException {
        assertEquals(tel(a), tel(b));
        assertEquals(tel(a).hashCode(), tel(b).hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
            "tel:+1-201-555-0123 | tel:+1-201-555-0124",
            "tel:+12015550123;ext=1 | tel:+12015550123",
            "tel:7042;phone-context=example.com | tel:7042;phone-context=example.net",
            "tel:+7042 | tel:7042;phone-context=example.com",
    })
    void telUrlInequalityFollowsRfc3966(String a, String b) throws ServletParseException {
        assertNotEquals(tel(a), tel(b));
    }

    @Test
    void settingAGlobalNumberDropsThePhoneContext() throws ServletParseException {
        TelURL url = tel("tel:7005;phone-context=example.com;foo=bar");
        url.setPhoneNumber("+1-212-555-0101");

        assertEquals("tel:+1-212-555-0101;foo=bar", url.toString());
        assertTrue(url.isGlobal());
        assertEquals(url, tel(url.toString()));
    }

    @Test
    void settingALocalNumberSetsThePhoneContext() throws ServletParseException {
        TelURL url = tel("tel:+1-212-555-0101");
        url.setPhoneNumber("7005", "example.com");

        assertEquals("tel:7005;phone-context=example.com", url.toString());
        assertFalse(url.isGlobal());
        assertEquals("example.com", url.getPhoneContext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+", "+12a", "+1 212", "", "+-"})
    void badGlobalNumberIsRefused(String number) throws ServletParseException {
        TelURL url = tel("tel:+1-212-555-0101");

        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber(number));
        assertEquals("tel:+1-212-555-0101", url.toString());
    }

    @Test
    void badLocalNumberOrContextIsRefused() throws ServletParseException {
        TelURL url = tel("tel:+1-212-555-0101");

        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber("+7005", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber("70 05", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber("7005", "not a domain"));
        assertThrows(IllegalArgumentException.class, () -> url.setParameter("bad name", "x"));
    }

    @Test
    void parametersAreEscapedAndCaseInsensitive() throws ServletParseException {
        TelURL url = tel("tel:+1-212-555-0101;Foo=bar");
        url.setParameter("note", "a b");
        url.setParameter("FOO", "baz");

        assertEquals("tel:+1-212-555-0101;Foo=baz;note=a%20b", url.toString());
        assertEquals("a b", url.getParameter("NOTE"));
        url.removeParameter("note");
        assertEquals("tel:+1-212-555-0101;Foo=baz", url.toString());
    }

    @Test
    void cloneIsADeepCopy() throws ServletParseException {
        TelURL original = tel("tel:+1-212-555-0101;foo=bar");
        TelURL copy = (TelURL) original.clone();
        copy.setPhoneNumber("7005", "example.com");
        copy.setParameter("foo", "baz");

        assertEquals("tel:+1-212-555-0101;foo=bar", original.toString());
        assertNotEquals(original, copy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:", "tel:+", "tel:12a", "tel:7005", "tel:+1;phone-context=example.com",
            "tel:7005;phone-context=", "tel:+12%2D3", "tel:+1 2", "tel:+1;;x=1", "tel:+1;bad_name=1"})
    void malformedTelUrlThrowsServletParseException(String text) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> JainURIs.parse(text));
        assertTrue(e.getMessage().startsWith("Bad URI"), e.getMessage());
    }

    @Test
    void upperCaseSchemeParses() throws ServletParseException {
        assertEquals("tel:+123", tel("TEL:+123").toString());
    }
}
