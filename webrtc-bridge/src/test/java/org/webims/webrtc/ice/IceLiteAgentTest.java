package org.webims.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ice4j.TransportAddress;
import org.ice4j.Transport;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.webrtc.stun.StunIntegrity;
import org.webims.webrtc.stun.StunMessageReader;

/**
 * The agent answering connectivity checks built by ice4j's STUN encoder, an independent
 * implementation of RFC 8489 (what a browser's checks look like on the wire).
 */
public class IceLiteAgentTest {

    public static final IceCredentials OURS = new IceCredentials("srvU", "serverpassword0123456789");
    static final InetSocketAddress BROWSER = new InetSocketAddress("127.0.0.1", 50123);
    static StunStack ice4j;

    final List<IceState> states = new ArrayList<>();
    final List<InetSocketAddress> selections = new ArrayList<>();
    /** Our socket of each selection, by index. */
    final List<Integer> selectedLocals = new ArrayList<>();
    final IceLiteAgent agent = new IceLiteAgent(OURS, Duration.ofSeconds(30), new IceLiteAgent.Listener() {
        @Override public void stateChanged(IceState s) { states.add(s); }
        @Override public void selectedPairChanged(int local, InetSocketAddress r) {
            selectedLocals.add(local);
            selections.add(r);
        }
    });
    final byte[] response = new byte[256];

    @BeforeAll
    public static void startIce4j() {
        ice4j = new StunStack();
        ice4j.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override public byte[] getLocalKey(String ufrag) { return null; }
            @Override public byte[] getRemoteKey(String ufrag, String media) {
                return OURS.password().getBytes(StandardCharsets.UTF_8);
            }
            @Override public boolean checkLocalUserName(String ufrag) { return false; }
        });
    }

    @AfterAll
    public static void stopIce4j() {
        ice4j.shutDown();
    }

    /** A check as Chromium sends it: USERNAME, PRIORITY, ICE-CONTROLLING, MI, FINGERPRINT. */
    public static byte[] check(String username, boolean useCandidate, boolean controlling) throws Exception {
        Request request = MessageFactory.createBindingRequest();
        request.setTransactionID(org.ice4j.stack.TransactionID.createNewTransactionID().getBytes());
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        request.putAttribute(AttributeFactory.createPriorityAttribute(1853817087L));
        if (controlling) {
            request.putAttribute(AttributeFactory.createIceControllingAttribute(42));
        } else {
            request.putAttribute(AttributeFactory.createIceControlledAttribute(42));
        }
        if (useCandidate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(ice4j);
    }

    int handle(byte[] message, long now) {
        return handle(message, 0, now);
    }

    /** The check as it came in on our socket {@code local}. */
    int handle(byte[] message, int local, long now) {
        return agent.handleStun(message, 0, message.length, local, BROWSER, response, now);
    }

    @Test
    void answersValidCheckWithMappedAddressIntegrityAndFingerprint() throws Exception {
        byte[] request = check("srvU:brws", false, true);
        int len = handle(request, 0);
        assertTrue(len > 0);
        Message decoded = Message.decode(response, 0, len); // ice4j checks the FINGERPRINT
        assertEquals(Message.BINDING_SUCCESS_RESPONSE, decoded.getMessageType());
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) decoded.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        TransportAddress address = mapped.getAddress(decoded.getTransactionID());
        assertEquals(new TransportAddress("127.0.0.1", 50123, Transport.UDP), address);
        StunMessageReader reader = new StunMessageReader();
        reader.read(response, 0, len);
        assertTrue(new StunIntegrity(OURS.password()).verify(reader), "signed with our password");
        assertTrue(agent.isValidated(0, BROWSER));
        assertEquals(List.of(IceState.CONNECTING), states);
        assertNull(agent.selected(), "no nomination yet");
    }

    @Test
    void useCandidateNominatesThePair() throws Exception {
        handle(check("srvU:brws", true, true), 0);
        assertEquals(BROWSER, agent.selected());
        assertEquals(List.of(BROWSER), selections);
        assertEquals(IceState.CONNECTED, agent.state());
    }

    @Test
    void wrongPasswordGets401AndValidatesNothing() throws Exception {
        IceLiteAgent other = new IceLiteAgent(new IceCredentials("srvU", "anotherpassword012345678"),
                Duration.ofSeconds(30), new IceLiteAgent.Listener() {
                    @Override public void stateChanged(IceState s) { }
                    @Override public void selectedPairChanged(int local, InetSocketAddress r) { }
                });
        byte[] request = check("srvU:brws", true, true);
        int len = other.handleStun(request, 0, request.length, 0, BROWSER, response, 0);
        ErrorCodeAttribute error = (ErrorCodeAttribute) Message.decode(response, 0, len).getAttribute(Attribute.ERROR_CODE);
        assertEquals(401, error.getErrorCode());
        assertFalse(other.isValidated(0, BROWSER));
        assertNull(other.selected());
        assertEquals(1, other.rejectedChecks());
    }

    @Test
    void wrongUfragGets401() throws Exception {
        int len = handle(check("nope:brws", true, true), 0);
        ErrorCodeAttribute error = (ErrorCodeAttribute) Message.decode(response, 0, len).getAttribute(Attribute.ERROR_CODE);
        assertEquals(401, error.getErrorCode());
        assertFalse(agent.isValidated(0, BROWSER));
    }

    @Test
    void controlledPeerGetsRoleConflict() throws Exception {
        int len = handle(check("srvU:brws", false, false), 0);
        ErrorCodeAttribute error = (ErrorCodeAttribute) Message.decode(response, 0, len).getAttribute(Attribute.ERROR_CODE);
        assertEquals(487, error.getErrorCode());
    }

    @Test
    void corruptedCheckIsDroppedAndCounted() throws Exception {
        byte[] request = check("srvU:brws", true, true);
        request[request.length - 9] ^= 1; // inside MESSAGE-INTEGRITY: the FINGERPRINT no longer matches
        assertEquals(0, handle(request, 0));
        assertEquals(1, agent.malformedMessages());
        assertEquals(0, handle(new byte[] {0, 1, 0, 0}, 0));
        assertFalse(agent.isValidated(0, BROWSER));
    }

    @Test
    void consentExpiresWhenChecksStop() throws Exception {
        handle(check("srvU:brws", true, true), 0);
        agent.checkConsent(Duration.ofSeconds(29).toNanos());
        assertEquals(IceState.CONNECTED, agent.state());
        agent.checkConsent(Duration.ofSeconds(31).toNanos());
        assertEquals(IceState.FAILED, agent.state());
        // a fresh check brings consent back on the same pair
        handle(check("srvU:brws", false, true), Duration.ofSeconds(32).toNanos());
        assertEquals(IceState.CONNECTED, agent.state());
    }

    @Test
    void iceRestartTakesNewCredentialsAndKeepsThePair() throws Exception {
        handle(check("srvU:brws", true, true), 0);
        IceCredentials fresh = new IceCredentials("newU", OURS.password());
        agent.restart(fresh);
        assertEquals(BROWSER, agent.selected(), "media stays on the old pair");
        int len = handle(check("srvU:brws", false, true), 0);
        assertEquals(401, ((ErrorCodeAttribute) Message.decode(response, 0, len)
                .getAttribute(Attribute.ERROR_CODE)).getErrorCode(), "old ufrag refused");
        len = handle(check("newU:brws", false, true), 0);
        assertEquals(Message.BINDING_SUCCESS_RESPONSE, Message.decode(response, 0, len).getMessageType());
    }

    /**
     * Each pair counts the valid checks that came over it and our answers, and when consent was
     * last refreshed (RFC 7675); a refused check proves no pair, and only the nominated one is marked.
     */
    @Test
    void checksAndOurAnswersAreCountedOnThePairTheyProve() throws Exception {
        InetSocketAddress other = new InetSocketAddress("127.0.0.1", 50200);
        handle(check("srvU:brws", false, true), 10);
        handle(check("srvU:brws", true, true), 20);
        handle(check("srvU:brws", false, true), 30); // a consent refresh
        handle(check("nope:brws", false, true), 40); // refused: counted on the agent, not on a pair
        byte[] request = check("srvU:brws", false, true);
        agent.handleStun(request, 0, request.length, 0, other, response, 50);
        agent.validatedPair(0, BROWSER).received(100);
        agent.selectedPair().sent(60);

        List<CandidatePairStats> pairs = agent.pairs();
        assertEquals(2, pairs.size());
        CandidatePairStats nominated = pairs.get(0);
        assertEquals(BROWSER, nominated.remote());
        assertTrue(nominated.nominated());
        assertEquals(3, nominated.requestsReceived());
        assertEquals(3, nominated.responsesSent());
        assertEquals(30, nominated.lastRequestNanos());
        assertEquals(1853817087L, nominated.checkPriority(), "the PRIORITY its checks carry");
        assertEquals(1, nominated.packetsReceived());
        assertEquals(100, nominated.bytesReceived());
        assertEquals(60, nominated.bytesSent());
        assertEquals(1, agent.rejectedChecks());
        assertFalse(pairs.get(1).nominated());
        assertEquals(1, pairs.get(1).requestsReceived());
    }

    /** isValidated remembers its last match by identity (decision 0043): it must not outlive the list entry. */
    @Test
    void aSenderPushedOutOfTheValidatedListIsRefusedAgainThoughItWasTheLastMatch() throws Exception {
        handle(check("srvU:brws", false, true), 0);
        assertTrue(agent.isValidated(0, BROWSER));
        assertTrue(agent.isValidated(0, new InetSocketAddress("127.0.0.1", 50123)), "an equal address, another object");
        InetSocketAddress newest = null;
        for (int i = 1; i <= 8; i++) { // eight newer checked senders push the oldest out
            newest = new InetSocketAddress("127.0.0.1", 50123 + i);
            byte[] request = check("srvU:brws", false, true);
            assertTrue(agent.handleStun(request, 0, request.length, 0, newest, response, 0) > 0);
        }
        assertFalse(agent.isValidated(0, BROWSER));
        assertTrue(agent.isValidated(0, newest));
        assertFalse(agent.isValidated(0, new InetSocketAddress("127.0.0.1", 40000)), "never checked");
    }

    /**
     * RFC 8445 §6.1.2.2: a pair is a local and a remote candidate, so the browser's one address
     * checked against two of our sockets (two web interfaces) makes two pairs, each counted on its
     * own, and USE-CANDIDATE nominates one of them: our socket as much as the browser's address.
     */
    @Test
    void oneRemoteCheckedOnTwoOfOurSocketsMakesTwoPairsAndTheNominationPicksOne() throws Exception {
        handle(check("srvU:brws", false, true), 0, 10);
        handle(check("srvU:brws", false, true), 1, 20);
        handle(check("srvU:brws", false, true), 1, 30);
        assertNull(agent.selectedPair(), "no nomination yet");
        List<CandidatePairStats> pairs = agent.pairs();
        assertEquals(2, pairs.size(), "one remote, two of our sockets: two pairs " + pairs);
        assertEquals(List.of(0, 1), pairs.stream().map(CandidatePairStats::local).toList());
        assertEquals(List.of(1L, 2L), pairs.stream().map(CandidatePairStats::requestsReceived).toList());

        handle(check("srvU:brws", true, true), 1, 40);
        assertEquals(1, agent.selectedPair().local(), "the pair of the socket the nominating check came in on");
        assertEquals(BROWSER, agent.selected());
        assertEquals(List.of(1), selectedLocals);
        handle(check("srvU:brws", true, true), 1, 50);
        assertEquals(List.of(1), selectedLocals, "the same pair again is no change");

        // the browser may nominate the other pair later: same remote, other socket, a new selection
        handle(check("srvU:brws", true, true), 0, 60);
        assertEquals(0, agent.selectedPair().local());
        assertEquals(List.of(1, 0), selectedLocals);
        assertEquals(List.of(BROWSER, BROWSER), selections);
        assertEquals(List.of(true, false), agent.pairs().stream().map(CandidatePairStats::nominated).toList(),
                "socket 0's pair is the nominated one now");
    }

    /**
     * A remote validated on one socket is not validated on another: media, STUN and DTLS are accepted
     * over the pair the check proved, so the same sender object matched on socket 1 (the one-entry
     * cache of decision 0043) must not match on socket 0.
     */
    @Test
    void aRemoteValidatedOnOneSocketIsRefusedOnTheOther() throws Exception {
        handle(check("srvU:brws", true, true), 1, 0);
        assertTrue(agent.isValidated(1, BROWSER));
        assertFalse(agent.isValidated(0, BROWSER), "the same sender object, the other socket: refused");
        assertTrue(agent.isValidated(1, BROWSER), "and the cache still answers for socket 1");
        assertNull(agent.validatedPair(0, new InetSocketAddress("127.0.0.1", 50123)));
        assertEquals(1, agent.validatedPair(1, new InetSocketAddress("127.0.0.1", 50123)).local());
    }
}
