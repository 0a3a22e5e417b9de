package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PatternVariableTest {

    @ParameterizedTest
    @ValueSource(strings = {"request.method", "request.uri", "request.uri.scheme", "request.uri.user", "request.uri.host",
            "request.uri.port", "request.uri.tel", "request.uri.param.transport", "request.from", "request.from.display-name",
            "request.from.uri", "request.from.uri.host", "request.to.uri.user", "request.to.uri.param.user"})
    void acceptsTheJsr289Variables(String name) {
        assertNotNull(PatternVariable.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "request", "request.methods", "request.uri.", "request.uri.password", "request.uri.param.",
            "request.from.user", "request.from.displayname", "request.to.uri.display-name", "request.via", "response.status",
            "request.method.x"})
    void rejectsEverythingElse(String name) {
        assertNull(PatternVariable.parse(name));
    }

    @Test
    void parsesAnAddressUriParameter() {
        PatternVariable v = PatternVariable.parse("request.from.uri.param.tag");
        assertEquals(PatternVariable.Source.FROM, v.source());
        assertEquals(PatternVariable.AddressPart.URI, v.addressPart());
        assertEquals(PatternVariable.UriPart.PARAM, v.uriPart());
        assertEquals("tag", v.paramName());
    }
}
