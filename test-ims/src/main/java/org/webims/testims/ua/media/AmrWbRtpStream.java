package org.webims.testims.ua.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.dtmf.DtmfReceiver;
import org.webims.media.rtp.payload.dtmf.DtmfSender;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedMedia;

/**
 * A UA's AMR-WB audio over plain RTP (RFC 3550, RFC 4867): sends its {@link AudioSource} every
 * 20 ms with the negotiated payload type and layout, and decodes what arrives into
 * {@link ReceivedAudio}. Where telephone-event was negotiated, it sends DTMF in place of the audio
 * (RFC 4733 §2.5.1) and records the digits it receives. One thread sends, one receives; both end
 * with {@link #close()}.
 */
public final class AmrWbRtpStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmrWbRtpStream.class);
    private static final int FRAME_SAMPLES = 320;
    private static final int MAX_PACKET = 1500;

    private final DatagramSocket socket;
    private final InetSocketAddress remote;
    private final ReceivedAudio received = new ReceivedAudio(16_000 * 60);
    private final ScheduledExecutorService sender;
    private final Thread receiver;
    private final AmrWbEncoder encoder;
    private final AmrWbDecoder decoder;
    private final AmrWbPacketizer packetizer;
    private final Map<Integer, AmrWbDepacketizer> depacketizers = new HashMap<>();
    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final short[] frame = new short[FRAME_SAMPLES];
    private final byte[] encoded;
    private final byte[] out = new byte[MAX_PACKET];
    private final short[] decoded = new short[FRAME_SAMPLES * 4];
    private final int audioPayloadType;
    /** The negotiated telephone-event payload type and clock rate; -1 and 0 when none. */
    private final int eventPayloadType;
    private final int eventClockRate;
    private final DtmfReceiver dtmfIn = new DtmfReceiver();
    private final StringBuffer dtmfReceived = new StringBuffer();
    private final ConcurrentLinkedQueue<int[]> dtmfQueued = new ConcurrentLinkedQueue<>();
    private final DtmfSender dtmfOut = new DtmfSender();
    private long dtmfTimestamp;
    private int sequence;
    private long timestamp;
    private boolean first = true;

    /** Starts sending {@code source} to the negotiated remote and receiving on {@code socket}. */
    public AmrWbRtpStream(DatagramSocket socket, NegotiatedMedia media, AudioSource source) throws CodecException {
        this.socket = socket;
        this.remote = new InetSocketAddress(media.remoteAddress(), media.remotePort());
        NegotiatedCodec send = media.sendCodec().filter(c -> c.is("AMR-WB"))
                .orElseThrow(() -> new IllegalArgumentException("no AMR-WB negotiated on m-line " + media.index()));
        int modeSet = modeSet(send.parameter("mode-set"));
        AudioCodecs codecs = AudioCodecs.get();
        encoder = codecs.newAmrWbEncoder(31 - Integer.numberOfLeadingZeros(modeSet));
        decoder = codecs.newAmrWbDecoder();
        encoded = new byte[encoder.maxEncodedBytes()];
        packetizer = new AmrWbPacketizer(format(send), modeSet, MAX_PACKET - 12);
        for (NegotiatedCodec c : media.receiveCodecs()) {
            if (c.is("AMR-WB")) {
                depacketizers.put(c.payloadType(), new AmrWbDepacketizer(format(c), AmrWbFrameType.ALL_MODES));
            }
        }
        SecureRandom random = new SecureRandom();
        sequence = random.nextInt(1 << 16);
        timestamp = random.nextInt() & 0xFFFFFFFFL;
        audioPayloadType = send.payloadType();
        eventPayloadType = media.telephoneEvent().orElse(-1);
        eventClockRate = media.receiveCodec(eventPayloadType).map(NegotiatedCodec::clockRate).orElse(0);
        header.payloadType(audioPayloadType).ssrc(random.nextInt());
        receiver = new Thread(this::receive, "ims-ua-amrwb-rx");
        receiver.setDaemon(true);
        receiver.start();
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ims-ua-amrwb-tx");
            t.setDaemon(true);
            return t;
        });
        sender.scheduleAtFixedRate(() -> sendFrame(source), 0, 20, TimeUnit.MILLISECONDS);
    }

    /** What this UA decoded from the audio it received. */
    public ReceivedAudio received() {
        return received;
    }

    /** The DTMF digits received as telephone-events (one per event, RFC 4733 §2.5.2), in order. */
    public String receivedDtmf() {
        return dtmfReceived.toString();
    }

    /**
     * Sends {@code digit} as a telephone-event of {@code durationMs} after any queued before it;
     * false when no telephone-event was negotiated.
     */
    public boolean sendDtmf(char digit, int durationMs) {
        int event = TelephoneEvent.eventOf(digit);
        if (event < 0 || durationMs <= 0) {
            throw new IllegalArgumentException("no DTMF digit or duration: " + digit + " " + durationMs);
        }
        if (eventPayloadType < 0 || eventClockRate == 0) {
            return false;
        }
        return dtmfQueued.add(new int[] {event, durationMs});
    }

    private static AmrWbPayloadFormat format(NegotiatedCodec c) {
        return "1".equals(c.parameter("octet-align")) ? AmrWbPayloadFormat.OCTET_ALIGNED
                : AmrWbPayloadFormat.BANDWIDTH_EFFICIENT;
    }

    /** SDP mode-set (RFC 4867 §8.1) as bits; all modes when absent. */
    private static int modeSet(String value) {
        if (value == null || value.isBlank()) {
            return AmrWbFrameType.ALL_MODES;
        }
        int bits = 0;
        for (String m : value.split(",")) {
            bits |= 1 << Integer.parseInt(m.strip());
        }
        return bits;
    }

    private void sendFrame(AudioSource source) {
        try {
            source.next(frame);
            if (sendDtmfPacket()) {
                timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
                return;
            }
            int n = encoder.encode(frame, 0, encoded, 0, encoded.length);
            if (n > 0 && packetizer.setFrame(encoded, 0, n)) {
                while (packetizer.hasNext()) {
                    int h = header.marker(first).sequenceNumber(sequence).timestamp(timestamp).write(out, 0);
                    int len = h + packetizer.next(out, h);
                    socket.send(new DatagramPacket(out, len, remote));
                    sequence = (sequence + 1) & 0xFFFF;
                    first = false;
                }
            }
            timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        } catch (IOException | CodecException e) {
            if (!socket.isClosed()) {
                LOG.atDebug().setCause(e).log("UA cannot send AMR-WB");
            }
        }
    }

    // RFC 4733 §2.5.1: while an event lasts its packets replace the audio, all with its start timestamp
    private boolean sendDtmfPacket() throws IOException {
        if (!dtmfOut.hasNext()) {
            int[] queued = dtmfQueued.poll();
            if (queued == null) {
                return false;
            }
            int unitsPerFrame = eventClockRate / 50;
            dtmfOut.start(queued[0], 10, queued[1] * (eventClockRate / 1000), unitsPerFrame);
            dtmfTimestamp = timestamp;
        }
        int payload = dtmfOut.next(out, 12);
        header.payloadType(eventPayloadType).marker(dtmfOut.marker()).sequenceNumber(sequence)
                .timestamp((dtmfTimestamp + dtmfOut.timestampOffset()) & 0xFFFFFFFFL).write(out, 0);
        header.payloadType(audioPayloadType);
        socket.send(new DatagramPacket(out, 12 + payload, remote));
        sequence = (sequence + 1) & 0xFFFF;
        return true;
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
            if (!view.wrap(buf, 0, packet.getLength())) {
                continue;
            }
            if (view.payloadType() == eventPayloadType) {
                dtmfIn.push(view, (event, volume, duration, ts) -> dtmfReceived.append(TelephoneEvent.digit(event)));
                continue;
            }
            AmrWbDepacketizer d = depacketizers.get(view.payloadType());
            if (d != null) {
                d.push(view, (b, off, len, ts, flags) -> decode(b, off, len));
            }
        }
    }

    private void decode(byte[] b, int off, int len) {
        try {
            int n = decoder.decode(b, off, len, decoded, 0);
            received.append(decoded, n);
        } catch (CodecException e) {
            LOG.atDebug().setCause(e).log("UA cannot decode an AMR-WB frame");
        }
    }

    /** Stops sending; the receiver ends once the socket is closed (by its owner, {@code UaMedia}). */
    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        encoder.close();
        if (!receiver.isAlive()) {
            decoder.close();
        }
    }
}
