package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.session.RetransmissionBudget;
import org.webims.media.rtp.session.RetransmissionCache;
import org.webims.media.rtp.session.RtxPacket;
import org.webims.media.transport.MediaIoLoop;

/**
 * Answers the peer's generic NACKs (RFC 4585 §6.2.1) about the video we send, when it asked for
 * them ("nack" in its rtcp-fb for our send payload type, under RTP/AVPF or RTP/SAVPF).
 * <ul>
 * <li>With rtx agreed (RFC 4588): in the rtx stream, SSRC-multiplexed (§4): our rtx SSRC, its own
 *     sequence numbers from a random start, the original sequence number (OSN) before the original
 *     payload. Under SDES-SRTP it has its own sender context ({@link SdesSrtp#protectRtx}).</li>
 * <li>Without rtx: the original packet again, unchanged, in the original stream, as IMS video
 *     peers without rtx expect (and as libwebrtc does when no rtx is negotiated). RFC 4588 §3
 *     prefers a separate stream because the copy skews the receiver's RTCP statistics; a receiver
 *     that NACKs without rtx has taken that on. Not under SRTP: the same index would be protected
 *     twice, which our {@link org.webims.media.srtp.SrtpSender} refuses (one keystream, one packet),
 *     so an SRTP leg without rtx keeps only counting NACKs (decision 0063).</li>
 * </ul>
 * Bounded: {@link RetransmissionCache#DEFAULT_CAPACITY} packets, one resend of a packet per round trip
 * ({@link RetransmissionCache#resendInterval}), none older than
 * {@link RetransmissionCache#MAX_AGE_NANOS}, at most a start allowance and a quarter of the bytes the stream sent
 * ({@link RetransmissionBudget}); always to the negotiated (or latched) peer, never to the address
 * the NACK came from. The send path only copies into the cache; the rest runs on the thread that
 * read the NACK, under this object's lock (two readers, RTCP's socket and the muxed RTP socket).
 */
final class Retransmitter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RtpStream stream;
    private final int rtxSsrc;
    /** The ring the send path stores into: null while nothing would answer a NACK. */
    private volatile RetransmissionCache cache;

    // the NACK reader's, under the lock
    private final RetransmissionBudget budget = new RetransmissionBudget();
    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final RtpPacket original = new RtpPacket();
    private final byte[] fetched = new byte[RetransmissionCache.SLOT_BYTES];
    private final byte[] out = new byte[MediaIoLoop.MAX_DATAGRAM];
    private final ByteBuffer staging = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
    private int rtxSequence = RANDOM.nextInt(1 << 16);
    private long retransmitted;
    private long tooOld;
    private long resentRecently;
    private long notFound;
    private long rateLimited;
    private long failed;

    Retransmitter(RtpStream stream, int mediaSsrc) {
        this.stream = stream;
        int s;
        do {
            s = RANDOM.nextInt();
        } while (s == mediaSsrc);
        this.rtxSsrc = s;
    }

    int rtxSsrc() {
        return rtxSsrc;
    }

    /** The cache the send path stores into, or null (read per packet sent). */
    RetransmissionCache cache() {
        return cache;
    }

    /** A new negotiation: keeps (or makes, once) the cache when NACKs about our video can be answered. */
    void configure(StreamState st) {
        boolean answers = stream.type == MediaType.VIDEO && st.sends() && st.nack()
                && (st.rtxPayloadType() >= 0 || st.srtp() == null);
        RetransmissionCache c = cache;
        if (!answers) {
            cache = null;
        } else if (c == null) {
            cache = new RetransmissionCache(RetransmissionCache.DEFAULT_CAPACITY);
        }
    }

    /** The peer misses {@code lost[0, count)} of our stream. */
    synchronized void nack(int[] lost, int count) {
        RetransmissionCache c = cache;
        StreamState st = stream.state;
        InetSocketAddress peer = stream.rtpFilter.peer();
        if (c == null || !st.sends() || !st.nack() || peer == null) {
            return;
        }
        long now = System.nanoTime();
        long again = RetransmissionCache.resendInterval(stream.rtcp.feedback.roundTripUnits());
        for (int i = 0; i < count; i++) {
            int n = c.fetch(lost[i], fetched, now, again);
            if (n == RetransmissionCache.TOO_OLD) {
                tooOld++;
            } else if (n == RetransmissionCache.RESENT_RECENTLY) {
                resentRecently++;
            } else if (n < 0 || !original.wrap(fetched, 0, n)) {
                notFound++;
            } else if (!budget.take(stream.counters.rtpBytesSent, n)) {
                rateLimited++;
            } else if (send(st, n, peer)) {
                retransmitted++;
                c.resent(lost[i], now);
            }
        }
    }

    private boolean send(StreamState st, int length, InetSocketAddress peer) {
        byte[] packet;
        int total;
        SdesSrtp srtp = st.srtp();
        if (st.rtxPayloadType() >= 0) {
            RtxPacket.header(header, original, st.rtxPayloadType(), rtxSequence, rtxSsrc);
            rtxSequence = (rtxSequence + 1) & 0xffff;
            packet = out;
            total = RtxPacket.write(header, original, out);
            if (srtp != null) {
                total = srtp.protectRtx(out, 0, total);
            }
        } else if (srtp == null) {
            packet = fetched; // the original, unchanged (RFC 4585 §6.2.1 asks for it again)
            total = length;
        } else {
            return false; // configure() keeps no cache for this: one SRTP index is never protected twice
        }
        try {
            if (total >= 0 && stream.rtpRegistration.send(packet, 0, total, staging, peer) > 0) {
                return true;
            }
        } catch (IOException e) {
            // counted below, like a full socket buffer: the receiver may NACK again
        }
        failed++;
        return false;
    }

    void putStats(String prefix, Map<String, Long> into) {
        into.put(prefix + "retransmitted", retransmitted);
        into.put(prefix + "nackedTooOld", tooOld);
        into.put(prefix + "nackedWithinRoundTrip", resentRecently);
        into.put(prefix + "nackedNotFound", notFound);
        into.put(prefix + "nackedRateLimited", rateLimited);
        into.put(prefix + "retransmitFailures", failed);
    }
}
