package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.endpoint.ConnectionStateChanged;
import org.webims.media.endpoint.MediaStateChanged;
import org.webims.media.endpoint.PeerState;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.rtp.RtcpWriter;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.dtls.DtlsSessionTest;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.PeerLeft;

/**
 * A browser that goes away on purpose is gone at once (decision 0091), not after the RTCP or consent
 * timeout: what headless Chromium sends on {@code pc.close()} (a DTLS close_notify, no RTCP BYE) and
 * on closing its tab (nothing), as our endpoint counts it, and that the close_notify ends the leg; an SRTCP-authenticated BYE for each of a peer's media types
 * does the same; a forged close_notify or an unauthenticated BYE ends nothing.
 */
class WebRtcEndpointPeerLeavesTest {

    /**
     * The RTCP timeout's floor (RFC 3550 §6.3.5 as rtpbin applies it, decision 0083): the media state
     * falling sooner than this after the browser's last packet was the browser's leaving, not silence.
     */
    static final Duration BEFORE_ANY_TIMEOUT = Duration.ofSeconds(4);

    BrowserBed bed;
    ScriptedBrowser peer;

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void aBrowserClosingItsPeerConnectionSendsCloseNotifyAndTheLegEndsAtOnce() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        WebRtcEndpoint endpoint = browserInCall();
        bed.chrome().evaluate("(() => { pc.close(); return 'closed'; })()");
        assertLeftAtOnce(endpoint, "pc.close()");
    }

    /**
     * Closing the tab is not {@code pc.close()}: Chromium's renderer goes without a close_notify or a
     * BYE (as measured here), so the endpoint learns of it only when consent lapses (RFC 7675 §5.1,
     * 3 s here) and the RTCP timeout runs out; no PeerLeft. On the SIP path the closed WebSocket is what
     * ends such a call (decision 0091).
     */
    @Test
    void aBrowserTabClosedSendsNothingSoOnlyConsentExpiryEndsTheConnection() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        WebRtcEndpointSettings d = WebRtcEndpointSettings.defaults();
        WebRtcEndpoint endpoint = browserInCall(new WebRtcEndpointSettings(Duration.ofSeconds(3), d.handshakeTimeout(),
                d.maxVideoBitrate(), d.keyframeRequestInterval(), d.offerAudio(), d.offerVideo(), d.sendBitrate()));
        int before = bed.events.size();
        bed.chrome().closePage();
        assertNotNull(awaitAfter(before, ConnectionStateChanged.class,
                e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED, BrowserBed.MEDIA_WAIT));
        assertNotNull(awaitAfter(before, MediaStateChanged.class,
                e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED, BrowserBed.MEDIA_WAIT));
        System.out.printf("decision 0091 probe: on the tab closed the endpoint saw close_notify %s, DTLS alerts %d,"
                        + " RTCP BYE sources %d; ICE %s%n", endpoint.dtlsCloseNotifyReceived(), endpoint.dtlsAlertsReceived(),
                endpoint.mediaStats().byeSources(), endpoint.iceState());
        assertFalse(endpoint.dtlsCloseNotifyReceived(), "no close_notify from a closed tab");
        assertEquals(0, endpoint.dtlsAlertsReceived());
        assertEquals(0, endpoint.mediaStats().byeSources(), "no RTCP BYE from a closed tab");
        assertEquals(org.webims.webrtc.ice.IceState.FAILED, endpoint.iceState(), "consent lapsed");
        assertFalse(endpoint.hasPeerLeft(), "silence is not leaving");
    }

    /** RFC 3550 §6.6 inside SRTCP: a BYE forged in the clear is refused, the peer's own for both its sources ends the leg. */
    @Test
    void aByeForEachOfThePeersSourcesEndsTheLegAndAnUnauthenticatedOneDoesNot() throws Exception {
        WebRtcEndpoint endpoint = scriptedInCall();
        byte[] b = new byte[256];
        for (int ssrc : new int[] {AUDIO_SSRC, VIDEO_SSRC}) {
            int n = RtcpWriter.writeSenderReport(b, 0, ssrc, 0, 0, 0, 0, null, 0);
            peer.sendRtcp(b, n);
        }
        bed.awaitEvent(MediaStateChanged.class, e -> e.element() == endpoint && e.newState() == PeerState.CONNECTED);

        int n = RtcpWriter.writeBye(b, 0, new int[] {AUDIO_SSRC, VIDEO_SSRC}, 2, null, 0, 0);
        byte[] clear = java.util.Arrays.copyOf(b, n + 14); // an SRTCP index and tag's worth of nothing valid
        peer.sendRaw(clear);
        assertTrue(BrowserBed.eventually(() -> endpoint.mediaStats().droppedUnprotect() > 0), "the forged BYE refused");
        BrowserBed.sleep(Duration.ofMillis(600)); // two flow checks
        assertFalse(endpoint.hasPeerLeft(), "an unauthenticated BYE ends nothing");
        assertEquals(0, endpoint.mediaStats().byeSources());

        n = RtcpWriter.writeBye(b, 0, new int[] {AUDIO_SSRC}, 1, null, 0, 0);
        peer.sendRtcp(b, n);
        assertTrue(BrowserBed.eventually(() -> endpoint.mediaStats().byeSources() == 1));
        BrowserBed.sleep(Duration.ofMillis(600));
        assertFalse(endpoint.hasPeerLeft(), "its video is still in the session");
        n = RtcpWriter.writeBye(b, 0, new int[] {VIDEO_SSRC}, 1, null, 0, 0);
        peer.sendRtcp(b, n);
        PeerLeft left = bed.awaitEvent(PeerLeft.class, e -> e.element() == endpoint);
        assertEquals(PeerLeft.How.RTCP_BYE, left.how());
        bed.awaitEvent(MediaStateChanged.class, e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED);
    }

    /** RFC 6347 §4.1.2.7: a close_notify in the clear, or under no valid protection, from the peer's own address, ends nothing. */
    @Test
    void aForgedCloseNotifyEndsNothingAndThePeersOwnEndsTheLeg() throws Exception {
        WebRtcEndpoint endpoint = scriptedInCall();
        for (byte[] forged : DtlsSessionTest.forgedCloseNotifies()) {
            peer.sendRaw(forged);
        }
        long dtls = endpoint.transportCounters().dtlsRecords();
        assertTrue(BrowserBed.eventually(() -> endpoint.transportCounters().dtlsRecords() >= 2), "both reached DTLS: " + dtls);
        BrowserBed.sleep(Duration.ofMillis(600));
        assertFalse(endpoint.hasPeerLeft(), "a forged close_notify ends nothing");
        assertEquals(DtlsSession.State.CONNECTED, endpoint.dtlsState());

        peer.close(); // its DtlsSession's close_notify
        peer = null;
        PeerLeft left = bed.awaitEvent(PeerLeft.class, e -> e.element() == endpoint);
        assertEquals(PeerLeft.How.DTLS_CLOSE_NOTIFY, left.how());
        bed.awaitEvent(ConnectionStateChanged.class, e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED);
    }

    static final int AUDIO_SSRC = 0x0a0d10;
    static final int VIDEO_SSRC = 0x051de0;

    /** A scripted peer keyed to an endpoint looped to itself; its RTP on both types so its reports get their types. */
    private WebRtcEndpoint scriptedInCall() throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        peer = new ScriptedBrowser();
        String answer = bed.connectScripted(endpoint, peer);
        int opus = Integer.parseInt(ScriptedBrowser.sdpValue(answer, "rtpmap").split(" ")[0]);
        int vp8 = payloadOf(answer, "VP8/90000");
        byte[] rtp = new byte[40];
        for (int i = 0; i < 3; i++) {
            peer.sendRtp(rtp, rtpPacket(rtp, opus, AUDIO_SSRC, i));
            peer.sendRtp(rtp, rtpPacket(rtp, vp8, VIDEO_SSRC, i));
        }
        assertTrue(BrowserBed.eventually(() -> endpoint.mediaStats().forwarded() >= 6), endpoint.mediaStats().toString());
        return endpoint;
    }

    private static int payloadOf(String sdp, String encoding) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("a=rtpmap:(\\d+) " + encoding).matcher(sdp);
        assertTrue(m.find(), encoding + " in " + sdp);
        return Integer.parseInt(m.group(1));
    }

    private static int rtpPacket(byte[] b, int payloadType, int ssrc, int seq) {
        java.util.Arrays.fill(b, (byte) 0);
        b[0] = (byte) 0x80;
        b[1] = (byte) payloadType;
        b[3] = (byte) seq;
        b[7] = (byte) (seq * 10);
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        b[12] = 0x10;
        return 20;
    }

    /** Chromium offers audio and video to an endpoint looped to itself, until its reports put the media state up. */
    private WebRtcEndpoint browserInCall() throws Exception {
        return browserInCall(WebRtcEndpointSettings.defaults());
    }

    private WebRtcEndpoint browserInCall(WebRtcEndpointSettings settings) throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline, settings);
        endpoint.connect(endpoint);
        bed.connectBrowser(endpoint);
        bed.awaitEvent(MediaStateChanged.class, e -> e.element() == endpoint && e.newState() == PeerState.CONNECTED);
        return endpoint;
    }

    /**
     * What reached the endpoint after the browser went, and that the leg ended on it: PeerLeft, the
     * connection and media states down, the media state well before the RTCP timeout could have.
     */
    private void assertLeftAtOnce(WebRtcEndpoint endpoint, String what) throws Exception {
        PeerLeft left = bed.awaitEvent(PeerLeft.class, e -> e.element() == endpoint);
        int at = bed.events.indexOf(left);
        MediaStateChanged down = awaitAfter(at, MediaStateChanged.class,
                e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED, BEFORE_ANY_TIMEOUT);
        assertNotNull(down, "the media state fell on " + left + ", before any RTCP timeout could end it: "
                + bed.events.subList(at, bed.events.size()));
        assertNotNull(awaitAfter(0, ConnectionStateChanged.class,
                e -> e.element() == endpoint && e.newState() == PeerState.DISCONNECTED, BrowserBed.MEDIA_WAIT));
        BrowserBed.sleep(Duration.ofSeconds(1)); // anything else it sent, counted
        System.out.printf("decision 0091 probe: on %s the endpoint saw %s; close_notify %s, DTLS alerts %d, RTCP BYE"
                        + " sources %d, DTLS records %d%n", what, left.how(), endpoint.dtlsCloseNotifyReceived(),
                endpoint.dtlsAlertsReceived(), endpoint.mediaStats().byeSources(), endpoint.transportCounters().dtlsRecords());
        assertEquals(PeerLeft.How.DTLS_CLOSE_NOTIFY, left.how(), what + ": Chromium's close_notify");
        assertTrue(endpoint.dtlsCloseNotifyReceived());
        assertEquals(1L, bed.events.stream().filter(e -> e instanceof PeerLeft p && p.element() == endpoint).count(),
                "raised once");
        assertTrue(bed.events.stream().anyMatch(e -> e instanceof DtlsConnectionStateChange d && d.element() == endpoint
                && d.state() == DtlsSession.State.CLOSED));
    }

    /** The first event of {@code type} after index {@code from} that matches, polled for up to {@code wait}; null if none. */
    private <T extends MediaEvent> T awaitAfter(int from, Class<T> type, java.util.function.Predicate<T> test, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            List<MediaEvent> events = bed.events;
            for (int i = from; i < events.size(); i++) {
                if (type.isInstance(events.get(i)) && test.test(type.cast(events.get(i)))) {
                    return type.cast(events.get(i));
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return null;
    }
}
