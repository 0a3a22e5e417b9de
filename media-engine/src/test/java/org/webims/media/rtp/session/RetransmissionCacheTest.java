package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetransmissionCacheTest {

    private static final long MS = 1_000_000L;

    private final RetransmissionCache cache = new RetransmissionCache(16);
    private final byte[] out = new byte[RetransmissionCache.SLOT_BYTES];

    @Test
    void aPacketResentLessThanARoundTripAgoIsNotHandedOutForAnotherResend() {
        byte[] packet = new byte[40];
        cache.store(7, packet, 0, packet.length, 0);
        long interval = 50 * MS;
        assertEquals(40, cache.fetch(7, out, 1 * MS, interval));
        cache.resent(7, 1 * MS);
        assertEquals(RetransmissionCache.RESENT_RECENTLY, cache.fetch(7, out, 30 * MS, interval));
        assertEquals(40, cache.fetch(7, out, 51 * MS, interval), "a round trip on, the receiver asks again for a loss");
    }

    @Test
    void theResendOfAPacketDoesNotHoldBackTheOneThatLaterTakesItsSlot() {
        byte[] packet = new byte[40];
        cache.store(7, packet, 0, packet.length, 0);
        cache.resent(7, 1 * MS);
        cache.store(7 + 16, packet, 0, packet.length, 2 * MS);
        assertEquals(40, cache.fetch(7 + 16, out, 3 * MS, 50 * MS));
    }

    @Test
    void theResendIntervalIsTheRoundTripWithAFloorAndTheFloorWhileNoneIsKnown() {
        assertEquals(RetransmissionCache.MIN_RESEND_INTERVAL_NANOS, RetransmissionCache.resendInterval(-1));
        assertEquals(RetransmissionCache.MIN_RESEND_INTERVAL_NANOS, RetransmissionCache.resendInterval(65)); // ~1 ms
        assertEquals(250 * MS, RetransmissionCache.resendInterval(65536 / 4));
    }
}
