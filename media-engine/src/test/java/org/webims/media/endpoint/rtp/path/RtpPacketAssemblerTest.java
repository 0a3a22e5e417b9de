package org.webims.media.endpoint.rtp.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.session.OutboundRtpStream;

/**
 * The assembler writes each stream's own header although the header writer is the thread's
 * (decision 0045): streams interleaved on one thread, as a relay's I/O thread sends them.
 */
class RtpPacketAssemblerTest {

    private static final MediaFormat OPUS = MediaFormat.audio("opus", 48000, 2);
    private static final byte[] MID = {'a'};

    private final byte[] out = new byte[1500];
    private final RtpPacket parsed = new RtpPacket();

    private RtpPacket assemble(RtpPacketAssembler a, int sourceSsrc, int seq, long ts, int pt,
            RtpPacketAssembler.Extensions ext, byte fill) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, fill);
        MediaPacket p = new MediaPacket().set(OPUS, payload, 0, payload.length, ts, seq, false).ssrc(sourceSsrc);
        int n = a.assemble(p, pt, ext, System.nanoTime(), out, out.length);
        assertTrue(parsed.wrap(out, 0, n), "a well-formed RTP packet");
        return parsed;
    }

    @Test
    void streamsInterleavedOnOneThreadKeepTheirOwnSsrcSequenceAndTimestamp() {
        Sent a = new Sent(new RtpPacketAssembler(new OutboundRtpStream(0x1111, 48000, 111)), 0x1111, 111, (byte) 1);
        Sent b = new Sent(new RtpPacketAssembler(new OutboundRtpStream(0x2222, 48000, 111)), 0x2222, 96, (byte) 2);
        for (int i = 0; i < 50; i++) {
            a.next(i, 1000 + i, 5000 + 960L * i); // the two sources' numbers have nothing in common
            b.next(i, 40 + i, 77 + 960L * i);
        }
    }

    /** One stream's packets as they come out, each checked against the first: same SSRC, no gap. */
    private final class Sent {
        final RtpPacketAssembler assembler;
        final int ssrc;
        final int payloadType;
        final byte fill;
        int firstSeq;
        long firstTimestamp;

        Sent(RtpPacketAssembler assembler, int ssrc, int payloadType, byte fill) {
            this.assembler = assembler;
            this.ssrc = ssrc;
            this.payloadType = payloadType;
            this.fill = fill;
        }

        void next(int i, int sourceSeq, long sourceTimestamp) {
            RtpPacket p = assemble(assembler, fill, sourceSeq, sourceTimestamp, payloadType,
                    RtpPacketAssembler.Extensions.NONE, fill);
            if (i == 0) {
                firstSeq = p.sequenceNumber();
                firstTimestamp = p.timestamp();
            }
            assertEquals(ssrc, p.ssrc(), "the stream's own SSRC");
            assertEquals(payloadType, p.payloadType());
            assertEquals((firstSeq + i) & 0xFFFF, p.sequenceNumber(), "no gap in the stream's sequence");
            assertEquals((firstTimestamp + 960L * i) & 0xFFFFFFFFL, p.timestamp(), "nor in its timestamps");
            assertEquals(fill, out[p.payloadOffset()], "its own payload");
        }
    }

    @Test
    void oneStreamsExtensionsDoNotReachTheNextStreamsPacket() {
        RtpPacketAssembler webrtc = new RtpPacketAssembler(new OutboundRtpStream(0x3333, 48000, 111));
        RtpPacketAssembler plain = new RtpPacketAssembler(new OutboundRtpStream(0x4444, 48000, 111));
        RtpPacketAssembler.Extensions mid = (header, now) -> header.addExtension(1, MID, 0, 1);

        RtpPacket withMid = assemble(webrtc, 7, 1, 0, 111, mid, (byte) 3);
        assertTrue(withMid.extension());
        assertEquals(1, withMid.extensionLength(1));
        assertArrayEquals(MID, Arrays.copyOfRange(out, withMid.extensionOffset(1), withMid.extensionOffset(1) + 1));

        RtpPacket without = assemble(plain, 8, 1, 0, 111, RtpPacketAssembler.Extensions.NONE, (byte) 4);
        assertFalse(without.extension(), "no extension left from the other stream's packet");
        assertEquals(0, without.csrcCount());
        assertEquals(RtpPacket.FIXED_HEADER_LENGTH, without.payloadOffset());
        assertEquals(160, without.payloadLength());
    }
}
