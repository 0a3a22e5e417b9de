package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.sip.ServletParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.sip.container.address.JainURIs;

/** RFC 3261 §16.5: a URI joins a proxy's target set once, equality as §19.1.4 defines it for SIP URIs. */
class TargetSetTest {

    private static javax.sip.address.SipURI sip(String text) throws ServletParseException {
        return (javax.sip.address.SipURI) JainURIs.unwrap(JainURIs.parse(text));
    }

    @ParameterizedTest(name = "{1} is already there after {0}")
    @CsvSource(delimiter = '|', value = {
            "sip:callee@127.0.0.1:5070 | sip:callee@127.0.0.1:5070",
            "sip:bob@Biloxi.COM | sip:bob@biloxi.com",                                   // host case
            "sip:bob@biloxi.com;transport=TCP | sip:bob@biloxi.com;Transport=tcp",       // parameter name and value case
            "sip:bob@biloxi.com | sip:bob@biloxi.com;ob",                                // a parameter in one only is ignored
            "sip:bob@biloxi.com;lr;transport=udp | sip:bob@biloxi.com;transport=udp;lr", // parameter order
            "sip:%62ob@biloxi.com | sip:bob@biloxi.com",                                 // escaping
    })
    void aUriEqualToAMemberIsNotAddedAgain(String first, String second) throws ServletParseException {
        TargetSet targets = new TargetSet();
        assertTrue(targets.add(sip(first)));
        assertFalse(targets.add(sip(second)), second + " equals " + first);
    }

    @ParameterizedTest(name = "{1} is a new target after {0}")
    @CsvSource(delimiter = '|', value = {
            "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",                       // a default port is not an omitted one
            "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",              // transport must be in both or neither
            "sip:bob@biloxi.com | sip:bob@biloxi.com;maddr=239.255.255.1",
            "sip:bob@biloxi.com;security=on | sip:bob@biloxi.com;security=off",   // a parameter in both must match
            "sip:bob@biloxi.com | sip:Bob@biloxi.com",                            // the user part is case-sensitive
            "sip:bob@biloxi.com | sips:bob@biloxi.com",
            "sip:callee@127.0.0.1:5070 | sip:callee@127.0.0.1:5071",
    })
    void aUriDifferentByRfc3261IsAdded(String first, String second) throws ServletParseException {
        TargetSet targets = new TargetSet();
        assertTrue(targets.add(sip(first)));
        assertTrue(targets.add(sip(second)), second + " differs from " + first);
    }

    @Test
    void aUriEqualToAnyMemberIsNotAddedThoughTheMembersDifferFromEachOther() throws ServletParseException {
        // §19.1.4 is not transitive: ;x=1 and ;x=2 differ, and the bare URI equals each
        TargetSet targets = new TargetSet();
        assertTrue(targets.add(sip("sip:bob@biloxi.com;x=1")));
        assertTrue(targets.add(sip("sip:bob@biloxi.com;x=2")));
        assertFalse(targets.add(sip("sip:bob@biloxi.com")));
    }

    @Test
    void aMemberIsACopyThatLaterChangesToTheCallersUriDoNotReach() throws Exception {
        TargetSet targets = new TargetSet();
        javax.sip.address.SipURI uri = sip("sip:bob@biloxi.com");
        assertTrue(targets.add(uri));
        uri.setUser("carol");
        assertFalse(targets.add(sip("sip:bob@biloxi.com")));
        assertTrue(targets.add(sip("sip:carol@biloxi.com")));
    }
}
