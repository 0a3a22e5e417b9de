package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.Digest;
import org.webims.interworking.peers.Ffprobe;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.RtpPackets;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebUserDialog;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.webrtc.ScriptedBrowser;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.interworking.peers.ParallelClose;

/**
 * Recording per leg as the carrier profile's recording element asks: a web -> IMS call through
 * the deployed application with the in-process media, the IMS side sending real AMR-WB RTP
 * (octet-aligned frames, RFC 4867 §4.4) for a known stretch of media time.
 */
class CallRecordingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLEE = "sip:+4930999@ims.test";
    /** 150 frames of 20 ms: the media time the IMS side sends. */
    private static final int FRAMES = 150;

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer web;
    private final WebUserDialog alice = new WebUserDialog(CALLEE);
    private final String callId = alice.callId();
    private final String fromTag = alice.fromTag();

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
    }

    private Path start(String legs) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        ims = new ImsPeer();
        support = InterworkingTestSupport.startWithProfile(dir.resolve("gw"),
                Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"), Duration.ofMinutes(5),
                p -> p.replace("<recording legs=\"none\"/>", "<recording legs=\"" + legs
                        + "\" web-format=\"webm\" ims-format=\"mp4\" folder=\"" + recordings.toAbsolutePath() + "\"/>"));
        web = support.webPeer();
        support.registerAlice(web);
        return recordings;
    }

    /** An answered web -> IMS call; returns the web 200 and fills {@code imsOffer}. */
    private SipText answeredCall(int imsRtpPort, String[] imsOffer) throws Exception {
        return answeredCall(imsRtpPort, imsOffer, WebUserDialog.chromeOffer());
    }

    /**
     * Chrome's offer made audio only and given the scripted browser's certificate, so its DTLS
     * handshake checks out (RFC 8842 §5); its ICE user fragment stays Xk3b.
     */
    private static String audioOnlyOffer(DtlsCertificate certificate) throws Exception {
        String offer = WebUserDialog.chromeOffer();
        offer = offer.substring(0, offer.indexOf("m=video")).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
        return offer.replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + certificate.fingerprint());
    }

    private SipText answeredCall(int imsRtpPort, String[] imsOffer, String offer) throws Exception {
        web.send(alice.invite(1, null, offer));
        SipText challenge = web.next("INVITE", 200, WAIT);
        String auth = Digest.authorization("alice", "alice-secret", "ims.test",
                SipText.param(challenge.header("WWW-Authenticate"), "nonce"), "INVITE", CALLEE, 1, "i1");
        web.send(alice.invite(2, auth, offer));
        RequestEvent invite = ims.nextRequest(Request.INVITE, WAIT);
        imsOffer[0] = ims.contentOf(invite.getRequest());
        ims.respond(invite, 200, octetAlignedAnswer(imsOffer[0], imsRtpPort));
        SipText ok = web.next("INVITE", 200, WAIT);
        assertEquals(200, ok.status(), ok.startLine());
        ims.nextRequest(Request.ACK, WAIT);
        web.send(alice.inDialog("ACK", 2, ok));
        return ok;
    }

    /** An audio-only IMS phone taking the offer's octet-aligned AMR-WB payload type, video refused. */
    private static String octetAlignedAnswer(String imsOffer, int port) {
        String pt = String.valueOf(RtpPackets.octetAlignedAmrWb(imsOffer));
        Matcher video = Pattern.compile("(?m)^m=video \\d+ RTP/AVP (\\d+)").matcher(imsOffer);
        return "v=0\r\no=ims-ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " AMR-WB/16000/1\r\n"
                + "a=fmtp:" + pt + " octet-align=1;mode-change-capability=2;max-red=220\r\na=ptime:20\r\na=sendrecv\r\n"
                + (video.find() ? "m=video 0 RTP/AVP " + video.group(1) + "\r\n" : "");
    }


    /**
     * {@link #FRAMES} AMR-WB 12.65 kbit/s frames (mode 2: 253 bits in 32 bytes), one per RTP packet
     * every 20 ms of media time, paced as a phone sends them so the jitter buffer keeps them all.
     */
    private static void sendAmrWb(DatagramSocket socket, String imsOffer) throws Exception {
        int pt = RtpPackets.octetAlignedAmrWb(imsOffer);
        int port = Integer.parseInt(imsOffer.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));
        InetAddress to = InetAddress.getLoopbackAddress();
        java.util.Random bits = new java.util.Random(4867);
        byte[] packet = new byte[RtpPackets.AMR_WB_PACKET];
        long next = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            RtpPackets.header(packet, pt, i, i * 320L, 0x12345678);
            RtpPackets.amrWbPayload(packet, bits);
            socket.send(new DatagramPacket(packet, packet.length, to, port));
            next += 20_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
    }

    /** The recorder finalizes on its own thread after the call: the file is read once ffprobe can. */
    private static OptionalDouble finishedDuration(Path file) throws Exception {
        OptionalDouble d = OptionalDouble.empty();
        for (int i = 0; i < 100 && d.isEmpty(); i++) {
            d = Files.exists(file) ? Ffprobe.duration(file) : OptionalDouble.empty();
            if (d.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return d;
    }

    @Test
    void imsLegRecordedByProfileIsAnAmrWbFileAsLongAsTheMediaTheImsSideSent() throws Exception {
        Path recordings = start("ims");
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String[] imsOffer = new String[1];
            SipText ok = answeredCall(phone.getLocalPort(), imsOffer);
            sendAmrWb(phone, imsOffer[0]);
            web.send(alice.inDialog("BYE", 3, ok));
            ims.nextRequest(Request.BYE, WAIT);
        }
        Path file = recordings.resolve(CallRecording.fileName(callId, org.webims.ims.profile.Leg.IMS,
                org.webims.ims.profile.RecordingPolicy.none()));
        OptionalDouble duration = finishedDuration(file);
        assertTrue(duration.isPresent(), "ffprobe reads " + file + ": " + listing(recordings));
        assertEquals(FRAMES * 0.020, duration.getAsDouble(), 0.3, "the file as long as the media sent");
        assertEquals("amr_wb", Ffprobe.codecs(file));
        assertEquals(List.of(file.getFileName().toString()), listing(recordings), "only the IMS leg is recorded");
    }

    /** An Opus packet of one 20 ms CELT fullband frame (RFC 6716 §3.1 TOC 0xF8), as a muted microphone sends. */
    private static final byte[] OPUS_SILENCE = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};

    @Test
    void bothLegsRecordedByProfileLeaveAWebmOfTheBrowsersOpusAndAnMp4OfTheImsAmrWbAsLongAsTheCall() throws Exception {
        Path recordings = start("both");
        ExecutorService handshakes = Executors.newSingleThreadExecutor();
        DtlsCertificate certificate = DtlsCertificate.generate(Duration.ofDays(1));
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ScriptedBrowser browser = new ScriptedBrowser()) {
            String[] imsOffer = new String[1];
            SipText ok = answeredCall(phone.getLocalPort(), imsOffer, audioOnlyOffer(certificate));
            String answer = ok.body();
            int port = Integer.parseInt(answer.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));
            browser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), sdpValue(answer, "ice-ufrag"),
                    sdpValue(answer, "ice-pwd"), "Xk3b", answer, certificate, handshakes);
            int imsPt = RtpPackets.octetAlignedAmrWb(imsOffer[0]);
            int imsPort = Integer.parseInt(imsOffer[0].replaceAll("(?s).*m=audio (\\d+) .*", "$1"));
            byte[] opus = new byte[12 + OPUS_SILENCE.length];
            byte[] amr = new byte[RtpPackets.AMR_WB_PACKET];
            java.util.Random bits = new java.util.Random(4867);
            long next = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                RtpPackets.header(opus, 111, i, i * 960L, 1234567890); // the offer's a=ssrc for its audio
                System.arraycopy(OPUS_SILENCE, 0, opus, 12, OPUS_SILENCE.length);
                browser.sendRtp(opus, opus.length);
                RtpPackets.header(amr, imsPt, i, i * 320L, 0x12345678);
                RtpPackets.amrWbPayload(amr, bits);
                phone.send(new DatagramPacket(amr, amr.length, InetAddress.getLoopbackAddress(), imsPort));
                next += 20_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            web.send(alice.inDialog("BYE", 3, ok));
            ims.nextRequest(Request.BYE, WAIT);
        } finally {
            handshakes.shutdownNow();
        }
        Path webFile = recordings.resolve(callId + "-web.webm");
        Path imsFile = recordings.resolve(callId + "-ims.mp4");
        OptionalDouble webDuration = finishedDuration(webFile);
        OptionalDouble imsDuration = finishedDuration(imsFile);
        assertTrue(webDuration.isPresent() && imsDuration.isPresent(), "ffprobe reads both: " + listing(recordings));
        assertEquals(FRAMES * 0.020, webDuration.getAsDouble(), 0.3, "the web leg's file as long as the call's media");
        assertEquals(FRAMES * 0.020, imsDuration.getAsDouble(), 0.3, "the IMS leg's file as long as the call's media");
        assertEquals("opus", Ffprobe.codecs(webFile));
        assertEquals("amr_wb", Ffprobe.codecs(imsFile));
    }

    private static String sdpValue(String sdp, String name) {
        Matcher m = Pattern.compile("a=" + name + ":([^\\r\\n]+)").matcher(sdp);
        assertTrue(m.find(), "a=" + name + " in " + sdp);
        return m.group(1).strip();
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
