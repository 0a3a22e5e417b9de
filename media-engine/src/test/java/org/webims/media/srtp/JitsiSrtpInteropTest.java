package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Interoperability with jitsi-srtp in both directions, SRTP and SRTCP, every suite both support. */
class JitsiSrtpInteropTest {

    private static final int SSRC = 0xCAFEBABE;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void jitsiUnprotectsWhatWeProtectAcrossASequenceWrap(SrtpProfile p) throws Exception {
        SrtpSender ours = new SrtpSender(Packets.key(p, 9), SrtpSettings.DEFAULTS);
        JitsiSrtp jitsi = new JitsiSrtp(Packets.key(p, 9), false);
        for (int i = 0; i < 40; i++) {
            int seq = (65520 + i) & 0xffff;
            byte[] plain = Packets.rtp(SSRC, seq, 160);
            byte[] b = plain.clone();
            assertEquals(SrtpResult.OK, ours.protectRtp(b, 0, 172));
            assertEquals(172, jitsi.unprotectRtp(b, 0, 172 + p.srtpOverhead()), "seq " + seq);
            assertArrayEquals(Arrays.copyOf(plain, 172), Arrays.copyOf(b, 172), "seq " + seq);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void weUnprotectWhatJitsiProtectsAcrossASequenceWrap(SrtpProfile p) throws Exception {
        JitsiSrtp jitsi = new JitsiSrtp(Packets.key(p, 9), true);
        SrtpReceiver ours = new SrtpReceiver(Packets.key(p, 9), SrtpSettings.DEFAULTS);
        for (int i = 0; i < 40; i++) {
            int seq = (65520 + i) & 0xffff;
            byte[] plain = Packets.rtp(SSRC, seq, 160);
            byte[] b = plain.clone();
            assertEquals(172 + p.srtpOverhead(), jitsi.protectRtp(b, 0, 172));
            assertEquals(SrtpResult.OK, ours.unprotectRtp(b, 0, 172 + p.srtpOverhead()), "seq " + seq);
            assertArrayEquals(Arrays.copyOf(plain, 172), Arrays.copyOf(b, 172), "seq " + seq);
        }
        assertEquals(1, ours.rolloverCounter(SSRC));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpInteroperatesBothWays(SrtpProfile p) throws Exception {
        SrtpSender oursOut = new SrtpSender(Packets.key(p, 4), SrtpSettings.DEFAULTS);
        JitsiSrtp jitsiIn = new JitsiSrtp(Packets.key(p, 4), false);
        JitsiSrtp jitsiOut = new JitsiSrtp(Packets.key(p, 4), true);
        SrtpReceiver oursIn = new SrtpReceiver(Packets.key(p, 4), SrtpSettings.DEFAULTS);
        for (int i = 0; i < 5; i++) {
            byte[] plain = Packets.rtcp(SSRC, 20);
            byte[] b = plain.clone();
            assertEquals(SrtpResult.OK, oursOut.protectRtcp(b, 0, 28));
            assertEquals(28, jitsiIn.unprotectRtcp(b, 0, 28 + p.srtcpOverhead()), "ours -> jitsi #" + i);
            assertArrayEquals(Arrays.copyOf(plain, 28), Arrays.copyOf(b, 28));

            byte[] c = plain.clone();
            assertEquals(28 + p.srtcpOverhead(), jitsiOut.protectRtcp(c, 0, 28));
            assertEquals(SrtpResult.OK, oursIn.unprotectRtcp(c, 0, 28 + p.srtcpOverhead()), "jitsi -> ours #" + i);
            assertArrayEquals(Arrays.copyOf(plain, 28), Arrays.copyOf(c, 28));
        }
    }
}
