package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RemotePeerFilterTest {

    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.1", 40002);

    @Test
    void strictAcceptsOnlyTheNegotiatedPeer() {
        RemotePeerFilter filter = new RemotePeerFilter(RemotePeerFilter.Mode.STRICT);
        assertFalse(filter.accept(PEER), "nothing before negotiation");
        filter.expect(PEER);
        assertTrue(filter.accept(PEER));
        assertFalse(filter.accept(OTHER));
        assertEquals(2, filter.rejected());
        assertEquals(PEER, filter.peer());
    }

    @Test
    void latchingTakesTheFirstSenderThenLocksUntilTheNextExpectation() {
        RemotePeerFilter filter = new RemotePeerFilter(RemotePeerFilter.Mode.LATCH);
        filter.expect(PEER);
        assertTrue(filter.accept(OTHER), "a NATed peer's real address");
        assertEquals(OTHER, filter.peer(), "media now goes where it came from");
        assertFalse(filter.accept(PEER), "once latched, nobody else");
        assertEquals(1, filter.rejected());
        assertTrue(filter.accept(OTHER), "the latched sender again");
        filter.expect(PEER);
        assertTrue(filter.accept(PEER), "a new negotiation latches to its peer");
        assertFalse(filter.accept(OTHER), "the sender latched before is refused now");
        assertEquals(PEER, filter.peer());
    }

    @Test
    void latchingOnTheNegotiatedPeerLocksToIt() {
        RemotePeerFilter filter = new RemotePeerFilter(RemotePeerFilter.Mode.LATCH);
        filter.expect(PEER);
        assertTrue(filter.accept(PEER));
        assertFalse(filter.accept(OTHER));
    }

    @Test
    void aRenegotiatedPeerRefusesTheSenderAcceptedBefore() {
        RemotePeerFilter filter = new RemotePeerFilter(RemotePeerFilter.Mode.STRICT);
        filter.expect(PEER);
        assertTrue(filter.accept(PEER));
        assertTrue(filter.accept(PEER), "the same sender object again");
        filter.expect(OTHER);
        assertFalse(filter.accept(PEER), "the remembered sender is forgotten with the old peer");
        assertTrue(filter.accept(OTHER));
        assertEquals(1, filter.rejected());
    }

    @Test
    void anEqualSenderInAnotherObjectIsAcceptedAndAnotherAddressStillRefused() {
        RemotePeerFilter filter = new RemotePeerFilter(RemotePeerFilter.Mode.STRICT);
        filter.expect(PEER);
        assertTrue(filter.accept(PEER));
        assertTrue(filter.accept(new InetSocketAddress("127.0.0.1", 40000)));
        assertFalse(filter.accept(OTHER));
        assertTrue(filter.accept(PEER));
    }
}
