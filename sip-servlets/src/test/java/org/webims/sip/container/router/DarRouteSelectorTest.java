package org.webims.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Set;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import org.junit.jupiter.api.Test;

class DarRouteSelectorTest {
    private static final String DAR = """
            INVITE: ("originating-app", "DAR:From", "ORIGINATING", "", "NO_ROUTE", "0"), \\
                    ("voicemail", "DAR:To", "TERMINATING", "", "NO_ROUTE", "1"), \\
                    ("terminating-app", "DAR:To", "TERMINATING", "sip:127.0.0.1:5070;lr", "ROUTE", "2")
            MESSAGE: ("im-app", "DAR:To", "TERMINATING", "", "NO_ROUTE", "0")
            """;
    private static final Set<String> ALL_DEPLOYED = Set.of("originating-app", "voicemail", "terminating-app", "im-app");

    private final DarRouteSelector selector = new DarRouteSelector(DarFileParser.parse("dar.properties", DAR));

    @Test
    void walksInviteThroughEachApplicationThenEnds() {
        DarSelection first = selector.next("INVITE", null, ALL_DEPLOYED);
        assertEquals("originating-app", first.route().applicationName());
        assertEquals(SipApplicationRoutingRegion.ORIGINATING_REGION, first.route().region());
        assertEquals(1, first.stateInfo());

        DarSelection second = selector.next("INVITE", first.stateInfo(), ALL_DEPLOYED);
        assertEquals("voicemail", second.route().applicationName());
        assertEquals(2, second.stateInfo());

        DarSelection third = selector.next("INVITE", second.stateInfo(), ALL_DEPLOYED);
        assertEquals("terminating-app", third.route().applicationName());
        assertEquals(SipApplicationRoutingRegion.TERMINATING_REGION, third.route().region());
        assertEquals(SipRouteModifier.ROUTE, third.route().modifier());
        assertArrayEquals(new String[] {"sip:127.0.0.1:5070;lr"}, third.route().routes());

        assertNull(selector.next("INVITE", third.stateInfo(), ALL_DEPLOYED));
    }

    @Test
    void skipsApplicationsThatAreNotDeployed() {
        Set<String> deployed = Set.of("terminating-app");

        DarSelection only = selector.next("INVITE", null, deployed);

        assertEquals("terminating-app", only.route().applicationName());
        assertEquals(3, only.stateInfo());
        assertNull(selector.next("INVITE", only.stateInfo(), deployed));
    }

    @Test
    void selectsNothingWhenNoListedApplicationIsDeployed() {
        assertNull(selector.next("INVITE", null, Set.of("im-app")));
        assertNull(selector.next("INVITE", null, Set.of()));
    }

    @Test
    void keepsSeparateListsPerMethod() {
        DarSelection message = selector.next("MESSAGE", null, ALL_DEPLOYED);

        assertEquals("im-app", message.route().applicationName());
        assertNull(selector.next("MESSAGE", message.stateInfo(), ALL_DEPLOYED));
        assertNull(selector.next("SUBSCRIBE", null, ALL_DEPLOYED));
        // Methods are case-sensitive (RFC 3261 §7.1).
        assertNull(selector.next("invite", null, ALL_DEPLOYED));
    }

    @Test
    void stateInfoRoundTripsThroughSerialization() throws Exception {
        DarSelection first = selector.next("INVITE", null, ALL_DEPLOYED);

        Serializable restored = roundTrip(first.stateInfo());
        DarSelection second = selector.next("INVITE", restored, ALL_DEPLOYED);

        assertEquals("voicemail", second.route().applicationName());
    }

    @Test
    void stateBeyondTheListSelectsNothing() {
        assertNull(selector.next("INVITE", 3, ALL_DEPLOYED));
        assertNull(selector.next("INVITE", 42, ALL_DEPLOYED));
    }

    @Test
    void refusesStateInfoItDidNotIssue() {
        assertThrows(IllegalArgumentException.class, () -> selector.next("INVITE", "1", ALL_DEPLOYED));
        assertThrows(IllegalArgumentException.class, () -> selector.next("INVITE", -1, ALL_DEPLOYED));
    }

    @Test
    void targetedRequestGoesToTheTargetedApplicationWithoutItsRoute() {
        DarSelection targeted = selector.targeted("INVITE", "terminating-app");

        assertEquals("terminating-app", targeted.route().applicationName());
        assertEquals(SipApplicationRoutingRegion.TERMINATING_REGION, targeted.route().region());
        assertEquals(DarSubscriber.fromHeader("To"), targeted.route().subscriber());
        assertEquals(SipRouteModifier.NO_ROUTE, targeted.route().modifier());
        assertArrayEquals(new String[0], targeted.route().routes());
        assertNull(selector.next("INVITE", targeted.stateInfo(), ALL_DEPLOYED));
    }

    @Test
    void targetedRequestResumesTheWalkAfterTheTargetedApplication() {
        DarSelection targeted = selector.targeted("INVITE", "voicemail");

        DarSelection after = selector.next("INVITE", targeted.stateInfo(), ALL_DEPLOYED);

        assertEquals("terminating-app", after.route().applicationName());
    }

    @Test
    void targetedApplicationWithoutAnEntryServesNeutrallyAndEndsTheWalk() {
        DarSelection targeted = selector.targeted("INVITE", "conference");

        assertEquals("conference", targeted.route().applicationName());
        assertEquals(SipApplicationRoutingRegion.NEUTRAL_REGION, targeted.route().region());
        assertEquals(DarSubscriber.NONE, targeted.route().subscriber());
        assertEquals(SipRouteModifier.NO_ROUTE, targeted.route().modifier());
        assertNull(selector.next("INVITE", targeted.stateInfo(), ALL_DEPLOYED));
    }

    private static Serializable roundTrip(Serializable value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Serializable) in.readObject();
        }
    }
}
