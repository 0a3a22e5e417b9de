package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;

/**
 * The relay the srtp-relay benchmark measures, WebRtcEndpoint <-> RtpEndpoint in one pipeline
 * without transcoding (Opus both sides), between a scripted WebRTC peer (real ICE check and
 * DTLS-SRTP) and a plain RTP peer socket: payloads pass unchanged both ways, and what must not
 * pass (failed SRTP tags, packets from addresses not negotiated) is dropped and counted.
 */
class WebRtcRtpRelayTest {

    static final int PEER_SSRC = 0x0b0e0001;
    static final int IMS_PT = 111;

    BrowserBed bed;
    WebRtcEndpoint webrtc;
    RtpEndpoint ims;
    ScriptedBrowser browser;
    DatagramChannel imsPeer;
    int opus;
    final byte[] buffer = new byte[1500];
    final RtpHeaderWriter header = new RtpHeaderWriter();

    @BeforeEach
    void connect() throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        MediaPipeline pipeline = bed.pipeline();
        webrtc = bed.webRtcEndpoint(pipeline);
        ims = new RtpEndpoint(pipeline, RtpEndpointContext.of(bed.ports, bed.loop), RtpEndpointSettings.defaults());
        webrtc.connect(ims);
        ims.connect(webrtc);

        imsPeer = DatagramChannel.open().bind(new InetSocketAddress(BrowserBed.LOOPBACK, 0));
        imsPeer.socket().setSoTimeout(200);
        int imsPeerPort = ((InetSocketAddress) imsPeer.getLocalAddress()).getPort();
        String imsAnswer = ims.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + imsPeerPort + " RTP/AVP " + IMS_PT + "\r\na=rtpmap:" + IMS_PT + " opus/48000/2\r\n"
                + "a=rtcp-mux\r\na=sendrecv\r\n");
        assertTrue(imsAnswer.contains("opus/48000/2"), imsAnswer);

        browser = new ScriptedBrowser();
        String answer = bed.connectScripted(webrtc, browser);
        opus = Integer.parseInt(find(answer, "a=rtpmap:(\\d+) opus/48000/2"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (imsPeer != null) {
            imsPeer.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void srtpFromTheBrowserReachesThePlainPeerAsRtpAndItsRtpReachesTheBrowserWithTheSamePayload() throws Exception {
        for (int seq = 0; seq < 5; seq++) {
            browser.sendRtp(buffer, audio(opus, seq, (byte) 0x40));
            assertArrayEquals(payload(seq, (byte) 0x40), nextAtImsPeer(), "Opus passes undecoded");
        }
        InetSocketAddress imsPort = new InetSocketAddress(BrowserBed.LOOPBACK, ims.localRtpPort(MediaType.AUDIO));
        for (int seq = 0; seq < 5; seq++) {
            int len = audio(IMS_PT, seq, (byte) 0x70);
            imsPeer.send(ByteBuffer.wrap(buffer, 0, len), imsPort);
            ScriptedBrowser.Rtp got = browser.next(r -> r.payloadType() == opus);
            assertArrayEquals(payload(seq, (byte) 0x70), got.payload(), "decrypted by the browser, the same Opus");
        }
        assertEquals(5, webrtc.mediaStats().forwarded());
        assertTrue(BrowserBed.eventually(() -> webrtc.mediaStats().audioSent() == 5), webrtc.mediaStats().toString());
    }

    @Test
    void srtpFailingAuthenticationIsDroppedAndCountedAndDoesNotReachThePlainPeer() throws Exception {
        int len = audio(opus, 1, (byte) 0x11);
        byte[] tampered = browser.protectRtp(buffer, len);
        tampered[len - 1] ^= 0x01; // a payload bit flipped on the way: the tag no longer matches (RFC 3711 §3.4)
        browser.sendRaw(tampered);
        browser.sendRtp(buffer, audio(opus, 2, (byte) 0x22));

        assertArrayEquals(payload(2, (byte) 0x22), nextAtImsPeer(), "the first packet through is the intact one");
        assertTrue(BrowserBed.eventually(() -> webrtc.mediaStats().srtpAuthFailed() == 1), webrtc.mediaStats().toString());
        assertEquals(1, webrtc.mediaStats().forwarded());
    }

    @Test
    void packetsFromAddressesNotNegotiatedAreDroppedOnBothLegs() throws Exception {
        try (DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress(BrowserBed.LOOPBACK, 0))) {
            // valid SRTP under the session's keys, but from an address no ICE check validated (RFC 8445 §7.3)
            stranger.send(ByteBuffer.wrap(browser.protectRtp(buffer, audio(opus, 1, (byte) 0x33))),
                    new InetSocketAddress(BrowserBed.LOOPBACK, webrtc.localPort()));
            assertTrue(BrowserBed.eventually(() -> webrtc.transportCounters().droppedFromUnvalidated() == 1),
                    "the WebRTC leg (unconnected: ICE) read and dropped the stranger's SRTP");
            // plain RTP to the IMS leg from an address the SDP did not name: its socket is connected to the
            // negotiated peer (decision 0046), so the kernel refuses it with ICMP port unreachable
            stranger.connect(new InetSocketAddress(BrowserBed.LOOPBACK, ims.localRtpPort(MediaType.AUDIO)));
            stranger.configureBlocking(false);
            stranger.write(ByteBuffer.wrap(buffer, 0, audio(IMS_PT, 1, (byte) 0x44)));
            assertTrue(BrowserBed.eventually(() -> {
                try {
                    stranger.read(ByteBuffer.allocate(100));
                    return false;
                } catch (PortUnreachableException refused) {
                    return true;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }), "the RTP leg's socket refused the stranger's RTP in the kernel");
            assertEquals(0L, ims.getStats().get("audio.rejectedByPeerFilter"), "it never reached the filter");
        }
        browser.sendRtp(buffer, audio(opus, 2, (byte) 0x55));
        assertArrayEquals(payload(2, (byte) 0x55), nextAtImsPeer(), "only the browser's packet got through");
        assertEquals(1, webrtc.mediaStats().forwarded());
        assertEquals(0, browser.rtp.size(), "nothing reached the browser");
    }

    @Test
    void aReplayedPacketAndAnUnnegotiatedPayloadTypeAreDroppedAndTheRelayedStreamStaysContinuous() throws Exception {
        java.util.List<Relayed> got = new java.util.ArrayList<>();
        browser.sendRtp(buffer, audio(opus, 0, (byte) 0x10));
        got.add(nextPacketAtImsPeer());
        byte[] wire = browser.protectRtp(buffer, audio(opus, 1, (byte) 0x11));
        browser.sendRaw(wire);
        got.add(nextPacketAtImsPeer());
        browser.sendRaw(wire.clone()); // the same packet again: the replay window refuses it (RFC 3711 §3.3.2)
        browser.sendRtp(buffer, audio(35, 2, (byte) 0x12)); // a payload type the answer did not negotiate
        for (int seq = 3; seq < 6; seq++) {
            browser.sendRtp(buffer, audio(opus, seq, (byte) 0x13));
            got.add(nextPacketAtImsPeer());
        }
        int[] sourceSeq = {0, 1, 3, 4, 5};
        Relayed first = got.get(0);
        for (int i = 0; i < got.size(); i++) {
            Relayed r = got.get(i);
            assertEquals(sourceSeq[i], r.payload()[0], "the packets through, in order, and nothing else");
            assertEquals(first.ssrc(), r.ssrc(), "one SSRC of ours");
            assertEquals(sourceSeq[i], (r.sequenceNumber() - first.sequenceNumber()) & 0xFFFF,
                    "our sequence numbers follow the browser's, its one real gap kept");
            assertEquals(960L * sourceSeq[i], (r.timestamp() - first.timestamp()) & 0xFFFFFFFFL, "timestamps too");
        }
        assertTrue(BrowserBed.eventually(() -> webrtc.mediaStats().srtpReplayed() == 1), webrtc.mediaStats().toString());
        assertEquals(1, webrtc.mediaStats().droppedUnknownPayloadType());
        assertEquals(5, webrtc.mediaStats().forwarded());
    }

    private int audio(int payloadType, int seq, byte fill) {
        int h = header.payloadType(payloadType).sequenceNumber(seq).timestamp(960L * seq).ssrc(PEER_SSRC)
                .marker(false).write(buffer, 0);
        byte[] p = payload(seq, fill);
        System.arraycopy(p, 0, buffer, h, p.length);
        return h + p.length;
    }

    private static byte[] payload(int seq, byte fill) {
        byte[] p = new byte[160]; // 20 ms of Opus, the benchmark's size
        Arrays.fill(p, fill);
        p[0] = (byte) seq;
        return p;
    }

    /** The payload of the next RTP packet (not RTCP) the plain peer receives, checked for its payload type. */
    private byte[] nextAtImsPeer() throws Exception {
        return nextPacketAtImsPeer().payload();
    }

    /** What the plain peer received of one relayed packet: our header fields and the payload. */
    record Relayed(int ssrc, int sequenceNumber, long timestamp, byte[] payload) { }

    private Relayed nextPacketAtImsPeer() throws Exception {
        long deadline = System.nanoTime() + BrowserBed.MEDIA_WAIT.toNanos();
        java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[2048], 2048);
        RtpPacket p = new RtpPacket();
        while (System.nanoTime() < deadline) {
            try {
                imsPeer.socket().receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            }
            int pt = in.getData()[1] & 0x7f;
            if (pt >= 72 && pt <= 76) {
                continue; // RTCP on the muxed port (RFC 5761 §4)
            }
            assertTrue(p.wrap(in.getData(), 0, in.getLength()), "an RTP packet");
            assertEquals(IMS_PT, p.payloadType(), "the plain side's payload type");
            return new Relayed(p.ssrc(), p.sequenceNumber(), p.timestamp(),
                    Arrays.copyOfRange(in.getData(), p.payloadOffset(), p.payloadOffset() + p.payloadLength()));
        }
        throw new AssertionError("nothing reached the plain RTP peer");
    }

    private String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }
}
