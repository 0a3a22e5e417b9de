package org.webims.testims.ua;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWriter;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.negotiation.Answer;
import org.webims.media.sdp.negotiation.Answerer;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.LocalCapabilities;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.MediaCapabilities;
import org.webims.media.sdp.negotiation.NegotiatedMedia;
import org.webims.media.sdp.negotiation.Offerer;
import org.webims.testims.ua.media.AmrWbRtpStream;
import org.webims.testims.ua.media.AudioSource;
import org.webims.testims.ua.media.H264RtpReceiver;
import org.webims.testims.ua.media.ReceivedAudio;
import org.webims.testims.ua.media.ReceivedVideo;

/**
 * An IMS UE's media offer and answer (TS 26.114 §6.2.2): AMR-WB twice, bandwidth-efficient and
 * octet-aligned, with telephone-event, ptime 20 and maxptime 240; H.264 Constrained Baseline when
 * video is wanted. Each m-line gets a real UDP socket on loopback, held until {@link #close()},
 * so the ports in the SDP are ours.
 */
public final class UaMedia implements Closeable {
    private static final AtomicLong SESSION = new AtomicLong(System.currentTimeMillis() / 1000);

    private final String address;
    private final LocalCapabilities capabilities;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final java.util.Map<Integer, DatagramSocket> socketByMline = new java.util.HashMap<>();
    private final Origin origin;
    private volatile List<NegotiatedMedia> negotiated = List.of();
    private AmrWbRtpStream audio;
    private H264RtpReceiver video;

    public UaMedia(String address, boolean video) {
        this.address = address;
        List<MediaCapabilities> media = new ArrayList<>();
        media.add(MediaCapabilities.of("audio", List.of(
                CodecCapability.of("AMR-WB", 16000).withParameter("mode-change-capability", "2")
                        .withParameter("max-red", "220"),
                CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1")
                        .withParameter("mode-change-capability", "2").withParameter("max-red", "220"),
                CodecCapability.of("telephone-event", 16000).withParameter("0-15", "")))
                .withProtocols("RTP/AVP").withPacketization(20, 240));
        if (video) {
            media.add(MediaCapabilities.of("video", List.of(CodecCapability.of("H264", 90000)
                    .withParameter("profile-level-id", "42e01f").withParameter("packetization-mode", "1")))
                    .withProtocols("RTP/AVP"));
        }
        this.capabilities = LocalCapabilities.of(media.toArray(MediaCapabilities[]::new)).withSingleCodec(true);
        this.origin = new Origin("-", Long.toString(SESSION.incrementAndGet()), "1", "IN", "IP4", address);
    }

    /** Our offer, as SDP text. */
    public String offer() {
        SessionDescription.Builder b = SessionDescription.builder(origin);
        new Offerer().createOffer(capabilities.media(), transport()).forEach(b::media);
        return SdpWriter.write(b.build());
    }

    /** Our answer to {@code offerText}, or null when nothing in it is acceptable (then 488). */
    public String answer(String offerText) throws SdpParseException {
        Answer answer = new Answerer().answer(SessionDescription.parse(offerText), capabilities, transport());
        negotiated = answer.negotiated();
        return answer.anyAccepted() ? SdpWriter.write(answer.toSessionDescription(origin)) : null;
    }

    /**
     * Starts the media our answer agreed: AMR-WB sent from {@code source} and decoded as it
     * arrives, and H.264 received and decoded where video was accepted. Stopped by {@link #close()}.
     */
    public void start(AudioSource source) throws CodecException, VideoCodecException {
        start(source, false);
    }

    /** As {@link #start(AudioSource)}; with {@code echoVideo} the received H.264 also goes back to its sender. */
    public synchronized void start(AudioSource source, boolean echoVideo) throws CodecException, VideoCodecException {
        if (audio != null || video != null) {
            throw new IllegalStateException("media already started");
        }
        for (NegotiatedMedia m : negotiated) {
            DatagramSocket socket;
            synchronized (sockets) {
                socket = socketByMline.get(m.index());
            }
            if (!m.accepted() || socket == null) {
                continue;
            }
            if ("audio".equals(m.media())) {
                audio = new AmrWbRtpStream(socket, m, source);
            } else if ("video".equals(m.media())) {
                video = new H264RtpReceiver(socket, m, echoVideo);
            }
        }
        if (audio == null) {
            throw new IllegalStateException("no accepted audio to start among " + negotiated);
        }
    }

    /** The decoded audio received since {@link #start}. */
    public synchronized ReceivedAudio receivedAudio() {
        if (audio == null) {
            throw new IllegalStateException("media not started");
        }
        return audio.received();
    }

    /** The decoded video received since {@link #start}; empty counts when no video was agreed. */
    public synchronized ReceivedVideo receivedVideo() {
        return video == null ? new ReceivedVideo() : video.received();
    }

    private LocalTransport transport() {
        return (index, media) -> {
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
                synchronized (sockets) {
                    sockets.add(s);
                    socketByMline.put(index, s);
                }
                return new LocalTransport.Address(address, s.getLocalPort());
            } catch (SocketException | java.net.UnknownHostException e) {
                throw new IllegalStateException("cannot bind a media port on " + address, e);
            }
        };
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(DatagramSocket::close);
            sockets.clear();
            socketByMline.clear();
        }
        synchronized (this) {
            if (audio != null) {
                audio.close();
            }
            if (video != null) {
                video.close();
            }
        }
    }
}
