package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Random and mutated bytes: the receiver never throws, drops them, and keeps working after. */
class SrtpFuzzTest {

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomBytesNeverThrowAndNeverAuthenticate(SrtpProfile p) {
        Random random = new Random(p.ordinal() * 31L + 5);
        SrtpReceiver r = new SrtpReceiver(Packets.key(p, 3), new SrtpSettings(4, 64));
        byte[] buf = new byte[1600];
        int attempts = 20_000;
        for (int i = 0; i < attempts; i++) {
            int len = random.nextInt(200);
            int off = random.nextInt(buf.length - len + 1);
            random.nextBytes(buf);
            if (random.nextBoolean()) {
                buf[off] = (byte) (0x80 | (buf[off] & 0x3F)); // version 2, to get past the first check
            }
            SrtpResult rtp = r.unprotectRtp(buf, off, len);
            SrtpResult rtcp = r.unprotectRtcp(buf, off, len);
            assertNotEquals(SrtpResult.OK, rtp);
            assertNotEquals(SrtpResult.OK, rtcp);
        }
        assertEquals(2L * attempts, r.counters().dropped());
        assertEquals(0, r.ssrcCount());

        SrtpSender s = new SrtpSender(Packets.key(p, 3), SrtpSettings.DEFAULTS);
        byte[] good = Packets.rtp(42, 1, 160);
        s.protectRtp(good, 0, 172);
        assertEquals(SrtpResult.OK, r.unprotectRtp(good, 0, 172 + p.srtpOverhead()));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void mutatedAndTruncatedProtectedPacketsAreDroppedNotThrown(SrtpProfile p) {
        Random random = new Random(99 + p.ordinal());
        SrtpSender s = new SrtpSender(Packets.key(p, 8), SrtpSettings.DEFAULTS);
        SrtpReceiver r = new SrtpReceiver(Packets.key(p, 8), SrtpSettings.DEFAULTS);
        for (int seq = 0; seq < 2000; seq++) {
            byte[] b = Packets.rtp(7, seq, 20 + random.nextInt(140));
            int len = b.length - Packets.ROOM;
            s.protectRtp(b, 0, len);
            int wire = len + p.srtpOverhead();
            int cut = random.nextInt(4) == 0 ? random.nextInt(wire) : wire;
            int flips = 1 + random.nextInt(3);
            int first = random.nextInt(wire);
            for (int f = 0; f < flips; f++) { // distinct bytes, so no flip undoes another
                b[(first + f) % wire] ^= (byte) (1 << random.nextInt(8));
            }
            assertNotEquals(SrtpResult.OK, r.unprotectRtp(b, 0, cut), "seq " + seq);
        }
        for (int i = 0; i < 2000; i++) {
            byte[] b = Packets.rtcp(7, 4 * random.nextInt(20));
            int len = b.length - Packets.ROOM;
            s.protectRtcp(b, 0, len);
            b[random.nextInt(len + p.srtcpOverhead())] ^= (byte) (1 << random.nextInt(8));
            assertNotEquals(SrtpResult.OK, r.unprotectRtcp(b, 0, len + p.srtcpOverhead()));
        }
        byte[] good = Packets.rtp(7, 5000, 160);
        s.protectRtp(good, 0, 172);
        assertEquals(SrtpResult.OK, r.unprotectRtp(good, 0, 172 + p.srtpOverhead()));
    }
}
