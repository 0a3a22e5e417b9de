package org.webims.testims.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webims.testims.core.hss.DefaultHandling;
import org.webims.testims.core.hss.HssProfile;
import org.webims.testims.core.hss.HssProfileException;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.core.hss.InitialFilterCriterion;
import org.webims.testims.core.hss.SessionCase;
import org.webims.testims.core.hss.Subscriber;

class ImsHssProfileParserTest {

    private static HssProfile parse(String xml) throws Exception {
        return HssProfileParser.parse("hss.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static HssProfileException failure(String xml) {
        return assertThrows(HssProfileException.class, () -> parse(xml));
    }

    private static final String GOOD = """
            <hss domain="ims.test">
              <subscriber impi="alice@ims.test" password="pw">
                <service-profile>
                  <public-identity>sip:alice@ims.test</public-identity>
                  <public-identity>tel:+1-555-0001</public-identity>
                  <ifc priority="5" method="INVITE" session-case="terminating" as="sip:as.ims.test"/>
                  <ifc priority="1" method="INVITE" session-case="originating" as="sip:as.ims.test:5070"
                       default-handling="SESSION_TERMINATED"/>
                  <ifc priority="0" method="REGISTER" as="sip:as.ims.test:5070"/>
                </service-profile>
              </subscriber>
            </hss>
            """;

    @Test
    void readsSubscribersIdentitiesAndFilterCriteriaInPriorityOrder() throws Exception {
        HssProfile hss = parse(GOOD);

        assertEquals("ims.test", hss.domain());
        Subscriber alice = hss.byPublicIdentity("tel:+15550001").orElseThrow();
        assertEquals(alice, hss.byPublicIdentity("sip:alice@IMS.test;transport=udp").orElseThrow());
        assertEquals("pw", alice.password());
        List<InitialFilterCriterion> ifcs = alice.serviceProfiles().get(0).filterCriteria();
        assertEquals(List.of(0, 1, 5), ifcs.stream().map(InitialFilterCriterion::priority).toList());
        assertEquals(DefaultHandling.SESSION_TERMINATED, ifcs.get(1).defaultHandling());
        assertEquals(DefaultHandling.SESSION_CONTINUED, ifcs.get(2).defaultHandling());
        assertEquals(Set.of(SessionCase.TERMINATING_REGISTERED, SessionCase.TERMINATING_UNREGISTERED),
                ifcs.get(2).sessionCases());
        assertTrue(ifcs.get(0).isThirdPartyRegistration());
        assertEquals(1, alice.serviceProfiles().get(0).thirdPartyRegistrations().size());
    }

    @Test
    void unknownSessionCaseNamesFileAndLine() {
        HssProfileException e = failure(GOOD.replace("session-case=\"terminating\"", "session-case=\"sideways\""));

        assertEquals(6, e.line());
        assertTrue(e.getMessage().startsWith("hss.xml:6: ifc session-case 'sideways'"), e.getMessage());
    }

    @Test
    void duplicatePriorityNamesBothLines() {
        HssProfileException e = failure(GOOD.replace("priority=\"5\"", "priority=\"0\""));

        assertTrue(e.getMessage().startsWith("hss.xml:9: ifc priority 0 already used at line 6"), e.getMessage());
    }

    @Test
    void duplicatePublicIdentityAcrossSubscribersIsRefused() {
        String twice = GOOD.replace("</hss>", """
                  <subscriber impi="bob@ims.test" password="pw">
                    <service-profile><public-identity>tel:+15550001</public-identity></service-profile>
                  </subscriber>
                </hss>
                """);
        HssProfileException e = failure(twice);

        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("already declared at line 5"), e.getMessage());
    }

    @Test
    void badDefaultHandlingMissingAttributeAndUnknownElementAreRefused() {
        assertTrue(failure(GOOD.replace("SESSION_TERMINATED", "MAYBE")).getMessage()
                .contains("default-handling 'MAYBE'"));
        assertTrue(failure(GOOD.replace("password=\"pw\"", "")).getMessage()
                .equals("hss.xml:2: <subscriber> needs the attribute password"));
        assertTrue(failure(GOOD.replace("<service-profile>", "<service-profile><voicemail/>")).getMessage()
                .contains("hss.xml:3: unknown element <voicemail>"));
        assertTrue(failure(GOOD.replace("method=\"REGISTER\"", "method=\"REGISTER\" session-case=\"originating\""))
                .getMessage().contains("takes no session-case"));
        assertTrue(failure(GOOD.replace("<public-identity>sip:alice", "<public-identity>mailto:alice"))
                .getMessage().startsWith("hss.xml:4: public identity 'mailto:alice@ims.test'"));
    }

    @Test
    void malformedXmlNamesTheLine() {
        HssProfileException e = failure(GOOD.replace("</service-profile>", "</service-profil>"));

        assertEquals(10, e.line());
        assertTrue(e.getMessage().startsWith("hss.xml:10: not well-formed XML"), e.getMessage());
    }

    @Test
    void doctypeIsRefused() {
        HssProfileException e = failure("<?xml version=\"1.0\"?>\n<!DOCTYPE hss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<hss domain=\"d\">&x;</hss>");

        assertEquals("hss.xml", e.file());
    }
}
