package org.webims.testims.ua.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedMedia;

/**
 * A UA's H.264 video receiver over plain RTP (RFC 6184): reassembles access units, decodes them
 * with the media engine's decoder and counts the pictures by size in {@link ReceivedVideo}. When
 * the decoder needs a key frame it asks the sender with a PLI (RFC 4585 §6.3.1), at most once a second.
 * As an echo it also sends every H.264 packet back as it came, under its own SSRC (RFC 3550 §8.2:
 * a reflected stream must not reuse the sender's).
 */
public final class H264RtpReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H264RtpReceiver.class);

    private final DatagramSocket socket;
    private final InetSocketAddress remoteRtcp;
    private final InetSocketAddress remoteRtp;
    private final boolean reflect;
    private final Set<Integer> payloadTypes;
    private final ReceivedVideo received = new ReceivedVideo();
    private final H264Depacketizer depacketizer = new H264Depacketizer(4 << 20);
    private final VideoDecoder decoder;
    private final Thread receiver;
    private final int ssrc = new SecureRandom().nextInt();
    private long lastPliNanos;

    /** @param reflect whether to send what arrives back to the sender (a video echo) */
    public H264RtpReceiver(DatagramSocket socket, NegotiatedMedia media, boolean reflect) throws VideoCodecException {
        this.socket = socket;
        this.reflect = reflect;
        this.remoteRtp = new InetSocketAddress(media.remoteAddress(), media.remotePort());
        this.remoteRtcp = new InetSocketAddress(media.remoteAddress(),
                media.rtcpMux() ? media.remotePort() : media.remoteRtcpPort() > 0 ? media.remoteRtcpPort() : media.remotePort() + 1);
        this.payloadTypes = media.receiveCodecs().stream().filter(c -> c.is("H264"))
                .map(NegotiatedCodec::payloadType).collect(Collectors.toUnmodifiableSet());
        this.decoder = VideoCodecs.decoder(VideoCodecType.H264);
        receiver = new Thread(this::receive, "ims-ua-h264-rx");
        receiver.setDaemon(true);
        receiver.start();
    }

    public ReceivedVideo received() {
        return received;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        RtpPacket view = new RtpPacket();
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            if (view.wrap(buf, 0, packet.getLength()) && payloadTypes.contains(view.payloadType())) {
                int mediaSsrc = view.ssrc();
                depacketizer.push(view, (b, off, len, ts, flags) -> decode(b, off, len, ts, mediaSsrc));
                if (reflect) {
                    reflect(buf, packet.getLength());
                }
            }
        }
    }

    private void decode(byte[] b, int off, int len, long ts, int mediaSsrc) {
        switch (decoder.decode(b, off, len, ts)) {
            case PICTURE -> received.picture(decoder.picture().width(), decoder.picture().height());
            case KEYFRAME_NEEDED -> requestKeyframe(mediaSsrc);
            case NO_PICTURE -> { }
        }
    }

    private void reflect(byte[] rtp, int length) {
        rtp[8] = (byte) (ssrc >>> 24);
        rtp[9] = (byte) (ssrc >>> 16);
        rtp[10] = (byte) (ssrc >>> 8);
        rtp[11] = (byte) ssrc;
        try {
            socket.send(new DatagramPacket(rtp, length, remoteRtp));
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("UA cannot echo video");
        }
    }

    private void requestKeyframe(int mediaSsrc) {
        long now = System.nanoTime();
        if (lastPliNanos != 0 && now - lastPliNanos < 1_000_000_000L) {
            return;
        }
        lastPliNanos = now;
        byte[] rtcp = new byte[64];
        // RFC 3550 §6.1: a compound packet starts with a report; an empty RR, then the PLI
        int n = RtcpWriter.writeReceiverReport(rtcp, 0, ssrc, null, 0);
        n += RtcpWriter.writePli(rtcp, n, ssrc, mediaSsrc);
        try {
            socket.send(new DatagramPacket(rtcp, n, remoteRtcp));
            received.keyframeRequested();
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("UA cannot send a PLI");
        }
    }

    /** The receiver ends once the socket is closed (by its owner, {@code UaMedia}); then the decoder is freed. */
    @Override
    public void close() {
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!receiver.isAlive()) {
            decoder.close();
        }
    }
}
