package org.webims.testims.ua;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
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
import org.webims.media.sdp.negotiation.OfferAnswerException;
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
    /** Audio, and H.264 video: what a re-offer adding video offers, whatever the call started with. */
    private final MediaCapabilities audioCapability;
    private final MediaCapabilities videoCapability;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final java.util.Map<Integer, DatagramSocket> socketByMline = new java.util.HashMap<>();
    /** The o= line of our last SDP: its version goes up by one whenever what we send changes (RFC 3264 §8). */
    private Origin origin;
    private String lastSent;
    private volatile List<NegotiatedMedia> negotiated = List.of();
    private AmrWbRtpStream audio;
    private H264RtpReceiver video;
    /** What the video receiver decoded before its m-line was dropped. */
    private ReceivedVideo droppedVideo;

    public UaMedia(String address, boolean video) {
        this.address = address;
        List<MediaCapabilities> media = new ArrayList<>();
        this.audioCapability = MediaCapabilities.of("audio", List.of(
                CodecCapability.of("AMR-WB", 16000).withParameter("mode-change-capability", "2")
                        .withParameter("max-red", "220"),
                CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1")
                        .withParameter("mode-change-capability", "2").withParameter("max-red", "220"),
                CodecCapability.of("telephone-event", 16000).withParameter("0-15", "")))
                .withProtocols("RTP/AVP").withPacketization(20, 240);
        this.videoCapability = MediaCapabilities.of("video", List.of(CodecCapability.of("H264", 90000)
                .withParameter("profile-level-id", "42e01f").withParameter("packetization-mode", "1")))
                .withProtocols("RTP/AVP");
        media.add(audioCapability);
        if (video) {
            media.add(videoCapability);
        }
        this.capabilities = LocalCapabilities.of(media.toArray(MediaCapabilities[]::new)).withSingleCodec(true);
        this.origin = new Origin("-", Long.toString(SESSION.incrementAndGet()), "1", "IN", "IP4", address);
    }

    /** Our offer, as SDP text. */
    public String offer() {
        return offer(Direction.SENDRECV);
    }

    /**
     * Our offer with every stream in {@code direction}, on the ports we already have: sendonly
     * puts the other side on hold and sendrecv resumes (RFC 3264 §8.4).
     */
    public String offer(Direction direction) {
        List<MediaCapabilities> streams = capabilities.media().stream().map(m -> m.withDirection(direction)).toList();
        List<MediaDescription> media = new Offerer().createOffer(streams, transport());
        return versioned(o -> {
            SessionDescription.Builder b = SessionDescription.builder(o);
            media.forEach(b::media);
            return SdpWriter.write(b.build());
        });
    }

    /**
     * A re-offer of the call's audio (sendrecv, on its port) and its second m-line, H.264 video:
     * added on a port of its own, or dropped, its m-line kept with port 0 (RFC 3264 §8.2, §8.3).
     * The answer goes to {@link #answerReceived}, then {@link #videoAsNegotiated}.
     */
    public String offerVideo(boolean video) {
        List<MediaDescription> media = new ArrayList<>(new Offerer().createOffer(List.of(audioCapability, videoCapability),
                video ? transport() : audioOnlyTransport()));
        if (!video) {
            media.set(1, media.get(1).toBuilder().port(0).clearAttributes().build());
        }
        return versioned(o -> {
            SessionDescription.Builder b = SessionDescription.builder(o);
            media.forEach(b::media);
            return SdpWriter.write(b.build());
        });
    }

    /** Whether {@link #start} has started the call's media. */
    public synchronized boolean started() {
        return audio != null;
    }

    /**
     * After the answer to {@link #offerVideo}, or ours to a re-offer: H.264 received (and echoed, with {@code echo})
     * from now on where video is agreed; where it was dropped, its receiver and socket closed,
     * what it decoded kept for {@link #receivedVideo()}.
     */
    public synchronized void videoAsNegotiated(boolean echo) throws VideoCodecException {
        NegotiatedMedia line = negotiated.stream().filter(m -> "video".equals(m.media())).findFirst().orElse(null);
        NegotiatedMedia agreed = line != null && line.accepted() ? line : null;
        if (agreed != null && video == null) {
            DatagramSocket socket;
            synchronized (sockets) {
                socket = socketByMline.get(agreed.index());
            }
            video = new H264RtpReceiver(socket, agreed, echo);
        } else if (agreed == null && video != null && line != null) {
            DatagramSocket socket;
            synchronized (sockets) {
                socket = socketByMline.remove(line.index());
            }
            if (socket != null) {
                socket.close(); // ends the receiver's thread
            }
            video.close();
            droppedVideo = video.received();
            video = null;
        }
    }

    /** Our transport for the audio m-line; a dropped video m-line gets no port (RFC 3264 §8.2: port 0). */
    private LocalTransport audioOnlyTransport() {
        LocalTransport all = transport();
        return (index, media) -> index == 0 ? all.allocate(index, media) : new LocalTransport.Address(address, 9);
    }

    /** Our answer to {@code offerText}, or null when nothing in it is acceptable (then 488). */
    public String answer(String offerText) throws SdpParseException {
        Answer answer = new Answerer().answer(SessionDescription.parse(offerText), capabilities, transport());
        negotiated = answer.negotiated();
        return answer.anyAccepted() ? versioned(o -> SdpWriter.write(answer.toSessionDescription(o))) : null;
    }

    /**
     * Takes the answer to our offer (a call we placed): what it agreed is what {@link #start}
     * then sends and receives (RFC 3264 §6, §7).
     */
    public void answerReceived(String offerText, String answerText) throws SdpParseException, OfferAnswerException {
        negotiated = new Offerer().processAnswer(SessionDescription.parse(offerText), SessionDescription.parse(answerText));
    }

    /** The SDP {@code write} makes, under our origin, its version one up when it differs from our last (RFC 3264 §8). */
    private synchronized String versioned(Function<Origin, String> write) {
        String sdp = write.apply(origin);
        if (lastSent != null && !sdp.equals(lastSent)) {
            origin = origin.nextVersion();
            sdp = write.apply(origin);
        }
        lastSent = sdp;
        return sdp;
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

    /** The DTMF digits received as RFC 4733 telephone-events since {@link #start}. */
    public synchronized String receivedDtmf() {
        if (audio == null) {
            throw new IllegalStateException("media not started");
        }
        return audio.receivedDtmf();
    }

    /** Sends a DTMF digit as RFC 4733 telephone-events in the audio; false when none were negotiated. */
    public synchronized boolean sendDtmf(char digit, int durationMs) {
        if (audio == null) {
            throw new IllegalStateException("media not started");
        }
        return audio.sendDtmf(digit, durationMs);
    }

    /** The decoded video received since {@link #start}; empty counts when no video was agreed. */
    public synchronized ReceivedVideo receivedVideo() {
        return video != null ? video.received() : droppedVideo != null ? droppedVideo : new ReceivedVideo();
    }

    /** Each m-line keeps the socket it got first, so a re-offer or re-answer moves no media (RFC 3264 §8). */
    private LocalTransport transport() {
        return (index, media) -> {
            synchronized (sockets) {
                DatagramSocket bound = socketByMline.get(index);
                if (bound != null) {
                    return new LocalTransport.Address(address, bound.getLocalPort());
                }
            }
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
