package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpNack;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;

/**
 * RTCP feedback and SRTP protection of a WebRtcEndpoint against a scripted peer (real ICE check,
 * DTLS-SRTP handshake and SRTP from the srtp package, no browser), so that each case can send
 * exactly the packet it is about.
 */
class WebRtcEndpointFeedbackTest {

    static final MediaFormat VP8 = MediaFormat.video("VP8");
    static final int PEER_SSRC = 0x5eed0001;

    BrowserBed bed;
    MediaPipeline pipeline;
    WebRtcEndpoint endpoint;
    TestElement element;
    ScriptedBrowser peer;
    String offer;
    String answer;
    final byte[] buffer = new byte[1500];

    @BeforeEach
    void connect() throws Exception {
        connect(WebRtcEndpointSettings.defaults());
    }

    private void connect(WebRtcEndpointSettings settings) throws Exception {
        connect(settings, offer -> offer);
    }

    /** As {@link #connect()}, with the stand-in browser's offer edited by {@code browserOffer}. */
    private void connect(WebRtcEndpointSettings settings, java.util.function.UnaryOperator<String> browserOffer)
            throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        pipeline = bed.pipeline();
        endpoint = bed.webRtcEndpoint(pipeline, settings);
        element = new TestElement(pipeline);
        element.connect(endpoint);
        endpoint.connect(element);
        // Our own offer stands in for a browser's: same codecs, rtcp-fb, rtx and extensions.
        WebRtcEndpoint offerer = bed.webRtcEndpoint(bed.pipeline());
        offer = browserOffer.apply(offerer.generateOffer());
        answer = endpoint.processOffer(offer);
        peer = new ScriptedBrowser();
        peer.connect(endpoint, offerer.iceCredentials().ufrag(), answer, BrowserBed.CERTIFICATE,
                bed.handshakes);
        // raised once the endpoint's media session holds its SRTP keys
        bed.awaitEvent(DtlsConnectionStateChange.class,
                e -> e.element() == endpoint && e.state() == DtlsSession.State.CONNECTED);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    /**
     * Each packet we send carries the extensions the answer maps: its m-line's mid (RFC 8843 §15),
     * abs-send-time (6.18 fixed-point seconds) and one transport-wide sequence across audio and video.
     */
    @Test
    void eachPacketWeSendCarriesItsMidTheAbsSendTimeAndOneTransportWideSequence() throws Exception {
        int midId = Integer.parseInt(find("a=extmap:(\\d+) urn:ietf:params:rtp-hdrext:sdes:mid"));
        int absId = Integer.parseInt(find("a=extmap:(\\d+) http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
        int twccId = Integer.parseInt(find("a=extmap:(\\d+) [^\\r\\n]*transport-wide-cc"));
        String audioMid = find(answer.substring(answer.indexOf("m=audio")), "a=mid:(\\S+)");
        String videoMid = find(answer.substring(answer.indexOf("m=video")), "a=mid:(\\S+)");
        int audioSsrc = (int) Long.parseLong(find(answer.substring(answer.indexOf("m=audio")), "a=ssrc:(\\d+)"));
        MediaFormat opus = MediaFormat.audio("opus", 48_000, 2);

        element.send(opus, new byte[] {1, 2, 3}, 1, 0);
        ScriptedBrowser.Rtp first = peer.next(r -> r.ssrc() == audioSsrc);
        Thread.sleep(200);
        element.send(VP8, new byte[] {0x10, 0, 1, 2, 3}, 1, 0);
        ScriptedBrowser.Rtp video = peer.next(r -> r.ssrc() != audioSsrc && r.payloadType() == payloadType("VP8/90000"));
        element.send(opus, new byte[] {4, 5, 6}, 2, 960);
        ScriptedBrowser.Rtp second = peer.next(r -> r.ssrc() == audioSsrc);

        assertEquals(audioMid, extension(first, midId, s -> new String(s, java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(videoMid, extension(video, midId, s -> new String(s, java.nio.charset.StandardCharsets.US_ASCII)));
        long t1 = extension(first, absId, WebRtcEndpointFeedbackTest::unsigned);
        long t2 = extension(second, absId, WebRtcEndpointFeedbackTest::unsigned);
        long elapsed = (t2 - t1) & 0xFFFFFF; // 2^18 a second
        assertTrue(elapsed >= 200 * (1 << 18) / 1000 && elapsed < 2 << 18, "abs-send-time moved " + elapsed);
        long s1 = extension(first, twccId, WebRtcEndpointFeedbackTest::unsigned);
        long sv = extension(video, twccId, WebRtcEndpointFeedbackTest::unsigned);
        long s2 = extension(second, twccId, WebRtcEndpointFeedbackTest::unsigned);
        long up1 = (sv - s1) & 0xFFFF;
        long up2 = (s2 - sv) & 0xFFFF;
        assertTrue(up1 > 0 && up1 < 100 && up2 > 0 && up2 < 100,
                "one transport-wide sequence over both streams: " + s1 + ", " + sv + ", " + s2);
    }

    static <T> T extension(ScriptedBrowser.Rtp rtp, int id, java.util.function.Function<byte[], T> value) {
        org.webims.media.rtp.RtpPacket view = new org.webims.media.rtp.RtpPacket();
        assertTrue(view.wrap(rtp.packet(), 0, rtp.packet().length));
        int at = view.extensionOffset(id);
        assertTrue(at >= 0, "extension " + id + " present");
        return value.apply(java.util.Arrays.copyOfRange(rtp.packet(), at, at + view.extensionLength(id)));
    }

    static long unsigned(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = v << 8 | (x & 0xFF);
        }
        return v;
    }

    @Test
    void nackIsAnsweredWithAnRtxRetransmissionOfTheCachedPacket() throws Exception {
        int vp8 = payloadType("VP8/90000");
        int rtx = Integer.parseInt(find("a=fmtp:(\\d+) apt=" + vp8));
        int videoSsrc = (int) Long.parseLong(find("a=ssrc-group:FID (\\d+) \\d+"));
        int rtxSsrc = (int) Long.parseLong(find("a=ssrc-group:FID \\d+ (\\d+)"));
        List<ScriptedBrowser.Rtp> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            element.send(VP8, new byte[] {0x10, 0, (byte) i, (byte) (i * 7), 42}, 100 + i, 3000L * i);
            sent.add(peer.next(r -> r.ssrc() == videoSsrc));
        }
        ScriptedBrowser.Rtp lost = sent.get(4);
        assertEquals(vp8, lost.payloadType());
        int n = RtcpWriter.writeNack(buffer, 0, PEER_SSRC, videoSsrc, new int[] {lost.sequenceNumber()}, 1);
        peer.sendRtcp(buffer, n);

        ScriptedBrowser.Rtp resent = peer.next(r -> r.ssrc() == rtxSsrc);
        assertEquals(rtx, resent.payloadType(), "RFC 4588 §4: the rtx payload type");
        byte[] payload = resent.payload();
        assertEquals(lost.sequenceNumber(), ((payload[0] & 0xff) << 8) | (payload[1] & 0xff), "the original sequence number");
        assertArrayEquals(lost.payload(), java.util.Arrays.copyOfRange(payload, 2, payload.length), "the original payload");
        assertEquals(1, endpoint.mediaStats().nacksReceived());
        // the I/O thread counts the retransmission once it has sent it: the peer may see it first
        for (int i = 0; i < 100 && endpoint.mediaStats().retransmitted() == 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(1, endpoint.mediaStats().retransmitted());
    }

    @Test
    void pliAndFirFromThePeerAskTheVideoSourceForAKeyframe() throws Exception {
        int videoSsrc = (int) Long.parseLong(find("a=ssrc-group:FID (\\d+) \\d+"));
        element.send(VP8, new byte[] {0x10, 0, 1}, 1, 0); // the link resolves on the first packet
        peer.next(r -> r.ssrc() == videoSsrc);
        int before = element.keyframeRequests.get();
        peer.sendRtcp(buffer, RtcpWriter.writePli(buffer, 0, PEER_SSRC, videoSsrc));
        assertTrue(BrowserBed.eventually(() -> element.keyframeRequests.get() > before), "PLI reached the source");
        int afterPli = element.keyframeRequests.get();
        peer.sendRtcp(buffer, RtcpWriter.writeFir(buffer, 0, PEER_SSRC, new int[] {videoSsrc}, new int[] {1}, 1));
        assertTrue(BrowserBed.eventually(() -> element.keyframeRequests.get() > afterPli), "FIR reached the source");
        assertEquals(2, endpoint.mediaStats().keyframeRequestsReceived());
    }

    @Test
    void rembFromThePeerLimitsTheVideoSourcesBitrate() throws Exception {
        int videoSsrc = (int) Long.parseLong(find("a=ssrc-group:FID (\\d+) \\d+"));
        element.send(VP8, new byte[] {0x10, 0, 1}, 1, 0);
        peer.next(r -> r.ssrc() == videoSsrc);
        peer.sendRtcp(buffer, RtcpWriter.writeRemb(buffer, 0, PEER_SSRC, 300_000, new int[] {videoSsrc}, 1));
        assertTrue(BrowserBed.eventually(() -> element.bitrateLimit.get() == 300_000),
                "REMB reached the source: " + element.bitrateLimit.get());
        assertEquals(1, endpoint.mediaStats().rembsReceived());
    }

    /**
     * RFC 5104 §4.2.1.1: a TMMBR's MxTBR counts the overhead the browser measured on each packet, so
     * the source is held to MxTBR less those headers at the packet rate such a stream has (decision
     * 0078: 1200-byte payloads, at least 30 a second): 300 000 with 60 bytes at 32 packets a second
     * (ceil(300 000 / 9 600)) leaves 300 000 - 8 x 60 x 32 = 284 640.
     */
    @Test
    void aTmmbrsMeasuredOverheadComesOffWhatTheVideoSourceIsHeldTo() throws Exception {
        int videoSsrc = (int) Long.parseLong(find("a=ssrc-group:FID (\\d+) \\d+"));
        element.send(VP8, new byte[] {0x10, 0, 1}, 1, 0);
        peer.next(r -> r.ssrc() == videoSsrc);
        long packets = Math.max(30, (300_000 + 9_599) / 9_600);
        long expected = 300_000 - 8 * 60 * packets;
        peer.sendRtcp(buffer, RtcpWriter.writeTmmbr(buffer, 0, PEER_SSRC, new int[] {videoSsrc},
                new long[] {300_000}, new int[] {60}, 1));
        assertTrue(BrowserBed.eventually(() -> element.bitrateLimit.get() == expected),
                "TMMBR less its overhead reached the source: " + element.bitrateLimit.get() + ", wanted " + expected);
        assertEquals(284_640, expected);
    }

    /**
     * The browser sends one REMB and then nothing at all (its tab died without a BYE). With a 3 s
     * consent timeout the limit timeout is 3 s (never longer than consent, past which we send the
     * browser nothing; else RFC 3550 §6.3.5's 5 x 5 s): its limit is then dropped as if lifted, so
     * the source it held down is told that no limit holds.
     */
    @Test
    void aSilentBrowsersRembExpiresAndItsSourceIsLifted() throws Exception {
        tearDown();
        WebRtcEndpointSettings d = WebRtcEndpointSettings.defaults();
        connect(new WebRtcEndpointSettings(Duration.ofSeconds(3), d.handshakeTimeout(), d.maxVideoBitrate(),
                d.keyframeRequestInterval(), d.offerAudio(), d.offerVideo(), d.sendBitrate()));
        int videoSsrc = (int) Long.parseLong(find("a=ssrc-group:FID (\\d+) \\d+"));
        element.send(VP8, new byte[] {0x10, 0, 1}, 1, 0);
        peer.next(r -> r.ssrc() == videoSsrc);
        peer.sendRtcp(buffer, RtcpWriter.writeRemb(buffer, 0, PEER_SSRC, 300_000, new int[] {videoSsrc}, 1));
        long silentSince = System.nanoTime();
        assertTrue(BrowserBed.eventually(() -> element.bitrateLimit.get() == 300_000), "the REMB limits the source");
        assertEquals(0, element.bitrateLimitsLifted.get());
        assertTrue(BrowserBed.eventually(() -> element.bitrateLimitsLifted.get() == 1), "lifted once the browser fell silent");
        assertTrue(System.nanoTime() - silentSince >= Duration.ofSeconds(3).toNanos(), "not before the timeout");
        assertEquals(1, endpoint.mediaStats().limitsExpired());
        assertEquals(0L, element.upstreamStats().get("source.VIDEO.bitrateLimit"));
    }

    /**
     * The browser is the source: its one viewer's ceiling becomes the REMB we send it, and when that
     * viewer goes no link holds a limit, so the next REMB carries our configured maximum again
     * (REMB has no "no limit"; decision 0077), told once.
     */
    @Test
    void whenTheOnlyLimitedViewerGoesTheBrowsersRembReturnsToOurMaximum() throws Exception {
        int vp8 = payloadType("VP8/90000");
        RtpHeaderWriter header = new RtpHeaderWriter();
        int[] seq = {0};
        peer.sendRtp(buffer, video(header, vp8, PEER_SSRC, seq[0]++));
        assertTrue(BrowserBed.eventually(() -> !element.videoSequence.isEmpty()), "the browser's video reached the viewer");
        long max = WebRtcEndpointSettings.defaults().maxVideoBitrate();
        element.sinkPad(MediaType.VIDEO).limitBitrate(200_000);
        // a report already under way may still carry the maximum
        assertEquals(200_000, nextRemb(header, vp8, seq, v -> v != max), "the viewer's ceiling");
        endpoint.disconnect(element, MediaType.VIDEO);
        assertEquals(max, nextRemb(header, vp8, seq, v -> v != 200_000), "lifted");
        assertEquals(1L, endpoint.upstreamStats().get("source.VIDEO.bitrateLimitsLifted"));
        assertEquals(0L, endpoint.upstreamStats().get("source.VIDEO.bitrateLimit"));
    }

    /**
     * With Kurento's maxVideoRecvBandwidth set, the REMB that lifts a limit says our own video b=AS
     * (RFC 8866 §5.8: the most we asked to receive), not the endpoint's 2.5 Mbit/s maximum.
     */
    @Test
    void withMaxVideoRecvBandwidthTheLiftingRembIsOurOwnBAs() throws Exception {
        endpoint.setBandwidths(org.webims.media.sdp.bandwidth.SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(800));
        int vp8 = payloadType("VP8/90000");
        RtpHeaderWriter header = new RtpHeaderWriter();
        int[] seq = {0};
        peer.sendRtp(buffer, video(header, vp8, PEER_SSRC, seq[0]++));
        assertTrue(BrowserBed.eventually(() -> !element.videoSequence.isEmpty()), "the browser's video reached the viewer");
        element.sinkPad(MediaType.VIDEO).limitBitrate(200_000);
        assertEquals(200_000, nextRemb(header, vp8, seq, v -> v == 200_000), "the viewer's ceiling");
        endpoint.disconnect(element, MediaType.VIDEO);
        assertEquals(800_000, nextRemb(header, vp8, seq, v -> v != 200_000), "lifted to our b=AS:800");
    }

    /** Kurento's minVideoRecvBandwidth (kbit/s): the least REMB the browser gets, whatever a viewer asks. */
    @Test
    void withMinVideoRecvBandwidthAViewersLowerLimitReachesTheBrowserAsTheFloor() throws Exception {
        endpoint.setBandwidths(org.webims.media.sdp.bandwidth.SdpBandwidths.NONE_WRITTEN.withMinVideoRecvKbps(300));
        int vp8 = payloadType("VP8/90000");
        RtpHeaderWriter header = new RtpHeaderWriter();
        int[] seq = {0};
        peer.sendRtp(buffer, video(header, vp8, PEER_SSRC, seq[0]++));
        assertTrue(BrowserBed.eventually(() -> !element.videoSequence.isEmpty()), "the browser's video reached the viewer");
        element.sinkPad(MediaType.VIDEO).limitBitrate(100_000);
        assertEquals(300_000, nextRemb(header, vp8, seq, v -> v < 1_000_000), "held at the floor, not 100 000");
        element.sinkPad(MediaType.VIDEO).limitBitrate(450_000);
        assertEquals(450_000, nextRemb(header, vp8, seq, v -> v != 300_000), "above the floor it passes");
    }

    /**
     * A browser whose description says b=RS:0 and b=RR:0 (session level, RFC 3556 §2: it wants no
     * RTCP) gets no sender or receiver report from us while its video arrives; the REMB, feedback,
     * still goes (decision 0081's rule), alone as reduced-size RTCP.
     */
    @Test
    void aBrowserSayingBRs0AndBRr0GetsNoReportsButItsRembStillGoes() throws Exception {
        tearDown();
        connect(WebRtcEndpointSettings.defaults(), o -> o.replaceFirst("\r\nt=", "\r\nb=RS:0\r\nb=RR:0\r\nt="));
        int[] reportsAndRembs = rtcpWhileVideoArrives(Duration.ofMillis(3500));
        assertEquals(0, reportsAndRembs[0], "no SR or RR");
        assertTrue(reportsAndRembs[1] >= 2, "REMBs still go: " + reportsAndRembs[1]);
        assertTrue(endpoint.mediaStats().rtcpReportsWithheld() >= 2, "withheld: " + endpoint.mediaStats());
    }

    /**
     * A browser stating b=RS:100 and b=RR:100: RFC 3550 §6.3.1's interval for two members over 200 bit/s
     * of RTCP, with our first compound (RR with one block, REMB: 56 bytes and 28 of IPv4/UDP), is
     * 2 x 672 / 200 = 6.7 s, so in 3.5 s only the first report goes, where our own 1 s sends four.
     */
    @Test
    void aBrowsersSmallRsAndRrLengthenOurReportInterval() throws Exception {
        int[] unstated = rtcpWhileVideoArrives(Duration.ofMillis(3500));
        assertTrue(unstated[0] >= 3, "every second without RS/RR: " + unstated[0]);
        tearDown();
        connect(WebRtcEndpointSettings.defaults(), o -> o.replaceFirst("\r\nt=", "\r\nb=RS:100\r\nb=RR:100\r\nt="));
        int[] stated = rtcpWhileVideoArrives(Duration.ofMillis(3500));
        assertEquals(1, stated[0], "one report in 3.5 s at RS + RR 200 bit/s");
        assertEquals(0, endpoint.mediaStats().rtcpReportsWithheld());
    }

    /**
     * Sends the browser's video every 20 ms for {@code window} (our reports go out as it arrives) and
     * counts what reaches it: {compound packets with an SR or RR, REMBs}.
     */
    private int[] rtcpWhileVideoArrives(Duration window) throws Exception {
        int vp8 = payloadType("VP8/90000");
        RtpHeaderWriter header = new RtpHeaderWriter();
        RtcpCompound compound = new RtcpCompound(true);
        int reports = 0;
        int rembs = 0;
        int seq = 0;
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            peer.sendRtp(buffer, video(header, vp8, PEER_SSRC, seq++));
            byte[] b;
            while ((b = peer.rtcp.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                if (!compound.wrap(b, 0, b.length)) {
                    continue;
                }
                boolean report = false;
                while (compound.next()) {
                    int type = compound.packetType();
                    report |= type == RtcpPacketType.SR || type == RtcpPacketType.RR;
                    if (type == RtcpPacketType.PSFB && compound.count() == RtcpPacketType.FMT_AFB) {
                        rembs++;
                    }
                }
                if (report) {
                    reports++;
                }
            }
        }
        return new int[] {reports, rembs};
    }

    /** The bitrate of the first REMB we send that {@code wanted} accepts, the peer sending video meanwhile. */
    private long nextRemb(RtpHeaderWriter header, int payloadType, int[] seq, java.util.function.LongPredicate wanted)
            throws Exception {
        RtcpCompound compound = new RtcpCompound(true);
        org.webims.media.rtp.RtcpRemb remb = new org.webims.media.rtp.RtcpRemb();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            byte[] b = peer.rtcp.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (b == null) {
                // our reports go out as the browser's media arrives
                peer.sendRtp(buffer, video(header, payloadType, PEER_SSRC, seq[0]++));
                continue;
            }
            if (!compound.wrap(b, 0, b.length)) {
                continue;
            }
            while (compound.next()) {
                if (remb.wrap(b, compound.packetOffset(), compound.packetLength()) && wanted.test(remb.bitrate())) {
                    return remb.bitrate();
                }
            }
        }
        throw new AssertionError("no REMB arrived");
    }

    @Test
    void replayedAndTamperedSrtpIsDroppedAndCountedAndMediaContinues() throws Exception {
        int opus = payloadType("opus/48000/2");
        RtpHeaderWriter header = new RtpHeaderWriter();
        byte[] replay = null;
        for (int seq = 0; seq < 5; seq++) {
            byte[] wire = peer.sendRtp(buffer, audio(header, opus, seq));
            replay = seq == 2 ? wire : replay;
        }
        assertTrue(BrowserBed.eventually(() -> element.received.get() == 5), "the first packets arrive");
        peer.sendRaw(replay); // RFC 3711 §3.3.2: an index already seen
        int len = audio(header, opus, 5);
        byte[] tampered = peer.protectRtp(buffer, len);
        tampered[len - 1] ^= 0x01; // a payload bit flipped on the way: the tag no longer matches
        peer.sendRaw(tampered);
        for (int seq = 6; seq < 11; seq++) {
            peer.sendRtp(buffer, audio(header, opus, seq));
        }
        assertTrue(BrowserBed.eventually(() -> element.received.get() == 10), "media continues: " + element.received);
        assertTrue(BrowserBed.eventually(() -> endpoint.mediaStats().droppedUnprotect() == 2));
        assertEquals(1, endpoint.mediaStats().srtpReplayed(), endpoint.mediaStats().toString());
        assertEquals(1, endpoint.mediaStats().srtpAuthFailed(), endpoint.mediaStats().toString());
        assertEquals(10, endpoint.mediaStats().forwarded());
    }

    @Test
    void lossInThePeersVideoIsNackedAndItsRtxRetransmissionReachesTheSinkAsTheOriginal() throws Exception {
        int vp8 = payloadType("VP8/90000");
        int rtx = Integer.parseInt(find("a=fmtp:(\\d+) apt=" + vp8));
        find("a=rtcp-fb:" + vp8 + " (nack)\\r?\\n"); // RFC 4585 §4.2: the browser may be NACKed
        // the peer (our own offer standing in) declared its video and rtx SSRCs in its FID group
        int videoSsrc = (int) Long.parseLong(find(offer, "a=ssrc-group:FID (\\d+) \\d+"));
        int rtxSsrc = (int) Long.parseLong(find(offer, "a=ssrc-group:FID \\d+ (\\d+)"));
        RtpHeaderWriter header = new RtpHeaderWriter();
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 5) { // lost on the way
                peer.sendRtp(buffer, video(header, vp8, videoSsrc, seq));
            }
        }
        assertEquals(List.of(5), nackedSequenceNumbers(videoSsrc), "RFC 4585 §6.2.1: a generic NACK for 5");

        peer.sendRtp(buffer, retransmission(header, rtx, rtxSsrc, 700, 5));
        // and a padding-only probe on the rtx SSRC, which restores nothing
        header.payloadType(rtx).sequenceNumber(701).ssrc(rtxSsrc).write(buffer, 0);
        buffer[0] |= 0x20;
        java.util.Arrays.fill(buffer, 12, 31, (byte) 0);
        buffer[31] = 20;
        peer.sendRtp(buffer, 32);

        assertTrue(BrowserBed.eventually(() -> element.videoSequence.size() == 10), "all ten reach the sink: "
                + element.videoSequence);
        assertEquals(List.of(0, 1, 2, 3, 4, 6, 7, 8, 9, 5), element.videoSequence, "the repaired one late, as itself");
        // the browser probes bandwidth with RTX of packets we have: nothing to pass on
        peer.sendRtp(buffer, retransmission(header, rtx, rtxSsrc, 702, 7));
        assertTrue(BrowserBed.eventually(() -> endpoint.videoRepair().rtxUnneeded() == 1), endpoint.videoRepair().toString());
        assertEquals(10, element.videoSequence.size(), "not passed on again");
        assertTrue(BrowserBed.eventually(() -> endpoint.videoRepair().repaired() == 1), endpoint.videoRepair().toString());
        var repair = endpoint.videoRepair();
        assertEquals(1, repair.packetsAsked(), repair.toString());
        assertEquals(0, repair.givenUp(), repair.toString());
        assertEquals(1, endpoint.mediaStats().auxiliary(), "the probe is counted, not forwarded");
        assertEquals(0, endpoint.mediaStats().plisSent(), "repaired loss asks for no key frame");
    }

    /** RFC 4588 §4: packet {@code original} again on the rtx SSRC, its own sequence number, the OSN first. */
    private int retransmission(RtpHeaderWriter header, int rtxPayloadType, int rtxSsrc, int seq, int original) {
        int h = header.payloadType(rtxPayloadType).sequenceNumber(seq).timestamp(3000L * original).ssrc(rtxSsrc)
                .marker(true).write(buffer, 0);
        buffer[h] = (byte) (original >> 8);
        buffer[h + 1] = (byte) original;
        byte[] payload = vp8Payload(original);
        System.arraycopy(payload, 0, buffer, h + 2, payload.length);
        return h + 2 + payload.length;
    }

    /** Packet {@code seq} of the peer's video: a one-packet VP8 frame, frame {@code seq}. */
    private int video(RtpHeaderWriter header, int payloadType, int ssrc, int seq) {
        int h = header.payloadType(payloadType).sequenceNumber(seq).timestamp(3000L * seq).ssrc(ssrc).marker(true)
                .write(buffer, 0);
        byte[] payload = vp8Payload(seq);
        System.arraycopy(payload, 0, buffer, h, payload.length);
        return h + payload.length;
    }

    /** RFC 7741: descriptor S=1 PID=0, then a frame tag (key frame first) and the frame's number. */
    private static byte[] vp8Payload(int seq) {
        return new byte[] {0x10, (byte) (seq == 0 ? 0x00 : 0x01), (byte) seq, 42};
    }

    /** The sequence numbers asked for by the first generic NACK for {@code mediaSsrc} the endpoint sends the peer. */
    private List<Integer> nackedSequenceNumbers(int mediaSsrc) throws Exception {
        RtcpCompound compound = new RtcpCompound(true);
        RtcpNack nack = new RtcpNack();
        int[] lost = new int[64];
        long deadline = System.nanoTime() + BrowserBed.MEDIA_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] b = peer.rtcp.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (b == null) {
                // a browser's receiver report, as it sends them while its video pauses: the endpoint
                // looks at what is due as RTP and RTCP arrive
                peer.sendRtcp(buffer, RtcpWriter.writeReceiverReport(buffer, 0, PEER_SSRC, new ReportBlock[0], 0));
                continue;
            }
            if (!compound.wrap(b, 0, b.length)) {
                continue;
            }
            while (compound.next()) {
                if (nack.wrap(b, compound.packetOffset(), compound.packetLength()) && nack.mediaSsrc() == mediaSsrc) {
                    int n = nack.lostSequenceNumbers(lost);
                    List<Integer> out = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        out.add(lost[i]);
                    }
                    return out;
                }
            }
        }
        throw new AssertionError("no NACK arrived");
    }

    private int audio(RtpHeaderWriter header, int payloadType, int seq) {
        int h = header.payloadType(payloadType).sequenceNumber(seq).timestamp(960L * seq).ssrc(PEER_SSRC)
                .marker(false).write(buffer, 0);
        for (int i = 0; i < 20; i++) {
            buffer[h + i] = (byte) (seq + i);
        }
        return h + 20;
    }

    private int payloadType(String encoding) {
        return Integer.parseInt(find("a=rtpmap:(\\d+) " + Pattern.quote(encoding)));
    }

    private String find(String regex) {
        return find(answer, regex);
    }

    private static String find(String sdp, String regex) {
        Matcher m = Pattern.compile(regex).matcher(sdp);
        assertTrue(m.find(), regex + " in:\n" + sdp);
        return m.group(1);
    }
}
