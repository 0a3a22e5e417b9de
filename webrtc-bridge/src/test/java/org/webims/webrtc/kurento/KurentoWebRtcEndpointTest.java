package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.DtlsConnectionState;
import org.kurento.client.DtlsConnectionStateChangeEvent;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.IceComponentState;
import org.kurento.client.IceComponentStateChangedEvent;
import org.kurento.client.IceGatheringDoneEvent;
import org.kurento.client.KurentoClient;
import org.kurento.client.ConnectionState;
import org.kurento.client.ConnectionStateChangedEvent;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaState;
import org.kurento.client.MediaStateChangedEvent;
import org.kurento.client.NewCandidatePairSelectedEvent;
import org.kurento.client.RTCIceCandidateAttributes;
import org.kurento.client.RTCIceCandidatePairStats;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;
import org.kurento.client.RTCStatsIceCandidatePairState;
import org.kurento.client.RTCStatsIceCandidateType;
import org.kurento.client.RTCTransportStats;
import org.kurento.client.RecorderEndpoint;
import org.kurento.client.StatsType;
import org.kurento.client.Stats;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.kurento.RawWebSocket;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.PortRange;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;

/**
 * Kurento's hello-world tutorial against a media node whose WebRtcEndpoint type webrtc-bridge
 * adds through the node's type providers: the stock kurento-client signals, a real headless
 * Chromium is the browser, the endpoint loops the browser's media back to it.
 */
class KurentoWebRtcEndpointTest {

    static final Duration MEDIA_WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    MediaNodeServer node;
    KurentoClient client;

    @BeforeEach
    void start() throws Exception {
        node = startNode(MediaNodeSettings.loopback(freeRange(40)));
        client = KurentoClient.create(node.uri().toString());
    }

    /** A media node with these settings behind a Kurento server on a free port. */
    static MediaNodeServer startNode(MediaNodeSettings settings) throws Exception {
        return MediaNodeServer.start(settings,
                KurentoServerSettings.defaults().withPort(0).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy();
        }
        node.close();
    }

    @Test
    void helloWorldLoopbackWithHeadlessChromiumAndTrickledCandidates() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            MediaPipeline pipeline = client.createMediaPipeline();
            WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
            endpoint.connect(endpoint);
            BlockingQueue<IceCandidateFoundEvent> found = new LinkedBlockingQueue<>();
            BlockingQueue<IceGatheringDoneEvent> gathered = new LinkedBlockingQueue<>();
            BlockingQueue<DtlsConnectionStateChangeEvent> dtls = new LinkedBlockingQueue<>();
            BlockingQueue<IceComponentStateChangedEvent> ice = new LinkedBlockingQueue<>();
            BlockingQueue<NewCandidatePairSelectedEvent> pairs = new LinkedBlockingQueue<>();
            endpoint.addIceCandidateFoundListener(found::add);
            endpoint.addIceGatheringDoneListener(gathered::add);
            endpoint.addDtlsConnectionStateChangeListener(dtls::add);
            endpoint.addIceComponentStateChangedListener(ice::add);
            endpoint.addNewCandidatePairSelectedListener(pairs::add);

            String offer = chrome.call("makeOffer", true, true, "VP8");
            String answer = endpoint.processOffer(offer);
            chrome.call("acceptAnswer", answer);
            endpoint.gatherCandidates();
            assertNotNull(gathered.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "IceGatheringDone");
            // kurento-client hands events to listeners on a pool, so the two may arrive in either order
            IceCandidateFoundEvent first = found.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(first, "IceCandidateFound with the gathering");
            java.util.List<IceCandidateFoundEvent> candidates = new java.util.ArrayList<>(java.util.List.of(first));
            found.drainTo(candidates);
            for (IceCandidateFoundEvent e : candidates) {
                IceCandidate c = e.getCandidate();
                assertTrue(c.getCandidate().startsWith("candidate:") && c.getCandidate().contains(" typ host"),
                        c.getCandidate());
                chrome.evaluate("pc.addIceCandidate(" + JSON.writeValueAsString(java.util.Map.of("candidate",
                        c.getCandidate(), "sdpMid", c.getSdpMid(), "sdpMLineIndex", c.getSdpMLineIndex()))
                        + ").then(() => 'ok')");
            }
            for (String candidate : browserCandidates(chrome)) {
                endpoint.addIceCandidate(new IceCandidate(candidate, "0", 0));
            }

            DtlsConnectionStateChangeEvent connected = await(dtls, e -> e.getState() == DtlsConnectionState.CONNECTED);
            assertEquals(endpoint.getId(), connected.getSource().getId());
            await(ice, e -> e.getState() == IceComponentState.CONNECTED);
            NewCandidatePairSelectedEvent pair = await(pairs, e -> true);
            assertTrue(pair.getCandidatePair().getLocalCandidate().contains("127.0.0.1"),
                    pair.getCandidatePair().getLocalCandidate());

            JsonNode stats = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > 20
                    && s.path("audioPackets").asInt() > 50, MEDIA_WAIT);
            assertTrue(stats.path("videoFrames").asInt() > 20, "the browser decoded its video back: " + stats);
            assertTrue(stats.path("audioPackets").asInt() > 50, "the browser got its audio back: " + stats);
            assertEquals("video/VP8", stats.path("videoCodec").asText());

            org.webims.webrtc.WebRtcEndpoint engineSide = (org.webims.webrtc.WebRtcEndpoint)
                    node.node().engine().pipeline(pipeline.getId()).element(endpoint.getId());
            assertTrue(engineSide.remoteCandidatesAdded() > 0, "the browser's candidates reached the endpoint");
            java.util.Map<String, Stats> endpointStats = endpoint.getStats();
            assertTrue(endpointStats.containsKey("source.VIDEO") && endpointStats.containsKey("sink.AUDIO"),
                    endpointStats.keySet().toString());
            assertEquals(answer, endpoint.getLocalSessionDescriptor());
            assertEquals(offer, endpoint.getRemoteSessionDescriptor());
        }
    }

    /** The other direction of offer/answer: generateOffer to the browser, its answer to processAnswer. */
    @Test
    void endpointOffersTheBrowserAnswersAndItsMediaLoopsBack() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            WebRtcEndpoint endpoint = loopback();
            PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
            String offer = endpoint.generateOffer();
            String answer = chrome.call("answerOffer", offer, true, true);
            String local = endpoint.processAnswer(answer);
            assertEquals(offer, local, "processAnswer returns our offer, the local description");
            assertEquals(answer, endpoint.getRemoteSessionDescriptor());
            signalling.connect(chrome);

            JsonNode stats = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > 20
                    && s.path("audioPackets").asInt() > 50, MEDIA_WAIT);
            assertTrue(stats.path("videoFrames").asInt() > 20, "the browser decoded its video back: " + stats);
            assertTrue(stats.path("audioPackets").asInt() > 50, "the browser got its audio back: " + stats);
            assertTrue(endpoint.isMediaFlowingIn(org.kurento.client.MediaType.VIDEO)
                    && endpoint.isMediaFlowingOut(org.kurento.client.MediaType.VIDEO));
            KurentoServerException again = assertThrows(KurentoServerException.class, () -> endpoint.processAnswer(answer));
            assertEquals(40209, again.getCode(), "no offer of ours is pending any more: " + again.getMessage());
        }
    }

    /**
     * BaseRtpEndpoint's states for a browser: the nominated pair and DTLS connected bring the
     * connection up, the browser's RTCP reports the media state (decision 0083); when the page closes
     * its RTCPeerConnection both go down (its DTLS close_notify, at the latest consent expiry, RFC 7675
     * §5.1; its RTCP BYE, at the latest five report intervals of silence), each transition raised
     * once, with Kurento's oldState and newState.
     */
    @Test
    void connectionAndMediaStateFollowTheBrowserUntilItClosesItsPeerConnection() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            WebRtcEndpoint endpoint = loopback();
            BlockingQueue<ConnectionStateChangedEvent> connection = new LinkedBlockingQueue<>();
            BlockingQueue<MediaStateChangedEvent> media = new LinkedBlockingQueue<>();
            endpoint.addConnectionStateChangedListener(connection::add);
            endpoint.addMediaStateChangedListener(media::add);
            assertEquals(ConnectionState.DISCONNECTED, endpoint.getConnectionState());
            assertEquals(MediaState.DISCONNECTED, endpoint.getMediaState());
            PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
            chrome.call("acceptAnswer", endpoint.processOffer(chrome.call("makeOffer", true, true, "VP8")));
            signalling.connect(chrome);

            ConnectionStateChangedEvent up = connection.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(up, "ConnectionStateChanged once ICE and DTLS are up");
            assertEquals(ConnectionState.DISCONNECTED, up.getOldState());
            assertEquals(ConnectionState.CONNECTED, up.getNewState());
            assertEquals(endpoint.getId(), up.getSource().getId());
            assertEquals(ConnectionState.CONNECTED, endpoint.getConnectionState());
            MediaStateChangedEvent arriving = media.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(arriving, "MediaStateChanged once the browser's reports arrive");
            assertEquals(MediaState.CONNECTED, arriving.getNewState());
            assertEquals(MediaState.CONNECTED, endpoint.getMediaState());

            chrome.evaluate("(() => { pc.close(); return 'closed'; })()");
            ConnectionStateChangedEvent down = connection.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(down, "ConnectionStateChanged once the browser closed its peer connection");
            assertEquals(ConnectionState.CONNECTED, down.getOldState());
            assertEquals(ConnectionState.DISCONNECTED, down.getNewState());
            // decision 0091: Chromium's close_notify ends the media state too, sooner than the RTCP timeout's 5 s floor
            MediaStateChangedEvent stopped = media.poll(4, TimeUnit.SECONDS);
            assertNotNull(stopped, "MediaStateChanged on the browser's close_notify, before any RTCP timeout");
            assertEquals(MediaState.CONNECTED, stopped.getOldState());
            assertEquals(MediaState.DISCONNECTED, stopped.getNewState());
            assertEquals(ConnectionState.DISCONNECTED, endpoint.getConnectionState());
            assertEquals(MediaState.DISCONNECTED, endpoint.getMediaState());
            Thread.sleep(1500); // several flow checks later
            assertEquals(null, connection.poll(), "no repeated ConnectionStateChanged");
            assertEquals(null, media.poll(), "no repeated MediaStateChanged");
        }
    }

    /**
     * A loopback call with Chromium: our SRs reach the browser (its remote-outbound-rtp stats read
     * them), its receiver reports echo them (RFC 3550 §6.4.1), and kurento-client's
     * RTCOutboundRTPStreamStats of our audio and video show the round trip; a key frame the
     * browser's video receiver asks for is our video stream's PLI or FIR count, as many as it sent.
     */
    @Test
    void outboundStatsShowTheBrowsersRoundTripAndItsKeyframeRequests() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            WebRtcEndpoint endpoint = loopbackOfferedTo(chrome).endpoint();

            for (org.kurento.client.MediaType type : List.of(org.kurento.client.MediaType.AUDIO,
                    org.kurento.client.MediaType.VIDEO)) {
                RTCOutboundRTPStreamStats out = pollOutbound(endpoint, type, o -> o.getRoundTripTime() > 0);
                assertTrue(out.getRoundTripTime() < 1.0, type + " round trip on loopback: " + out.getRoundTripTime());
                assertTrue(out.getPacketsSent() > 0 && out.getFractionLost() >= 0 && out.getFractionLost() <= 1,
                        type + ": " + out.getPacketsSent() + " sent, fraction lost " + out.getFractionLost());
            }
            JsonNode seen = chrome.pollJson("rtcpSeen()", s -> s.path("audio").path("senderReports").asInt() > 0
                    && s.path("video").path("senderReports").asInt() > 0, MEDIA_WAIT);
            assertTrue(seen.path("video").path("senderReportPackets").asLong() > 0, "our SR counts: " + seen);

            int before = keyframeRequests(seen.path("video"));
            assertEquals("sent", chrome.call("requestKeyFrame"), "the browser's video receiver asks for a key frame");
            JsonNode asked = chrome.pollJson("rtcpSeen()", s -> keyframeRequests(s.path("video")) > before, MEDIA_WAIT);
            int sent = keyframeRequests(asked.path("video"));
            RTCOutboundRTPStreamStats video = pollOutbound(endpoint, org.kurento.client.MediaType.VIDEO,
                    o -> o.getPliCount() + o.getFirCount() >= sent);
            assertTrue(video.getPliCount() + video.getFirCount() > 0, "PLI " + video.getPliCount() + ", FIR "
                    + video.getFirCount() + "; the browser sent " + asked.path("video"));
        }
    }

    /**
     * A loopback call with Chromium: getStats names the bundled transport (DTLS connected, our and
     * the browser's SDP fingerprints), the pair the browser nominated (succeeded, its checks and
     * consent refreshes counted, bytes growing between two reads) and its two candidates, the
     * remote one at an address the browser gathered.
     */
    @Test
    void transportStatsShowTheNominatedPairTheBrowsersCandidateAndConnectedDtls() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            LoopbackCall call = loopbackOfferedTo(chrome);
            WebRtcEndpoint endpoint = call.endpoint();
            String offer = call.offer();
            String answer = call.answer();

            java.util.Map<String, Stats> first = endpoint.getStats();
            RTCTransportStats transport = only(first, RTCTransportStats.class);
            assertEquals(StatsType.transport, transport.getType());
            assertTrue(transport.getActiveConnection(), "DTLS connected and consent holds");
            assertEquals(fingerprint(offer), transport.getLocalCertificateId(), "our certificate");
            assertEquals(fingerprint(answer), transport.getRemoteCertificateId(), "the browser's certificate");
            assertTrue(transport.getBytesReceived() > 0 && transport.getBytesSent() > 0,
                    transport.getBytesReceived() + " received, " + transport.getBytesSent() + " sent");
            // beyond kurento-client's RTCTransportStats, read raw: the W3C dtlsRole and srtpCipher. Chromium
            // answered active, so we are the DTLS server and chose AES-128-GCM first (RFC 5764 §4.1.1)
            try (RawWebSocket rpc = RawWebSocket.open(node.uri())) {
                JsonNode raw = rpc.value("invoke", "{\"object\":\"" + endpoint.getId()
                        + "\",\"operation\":\"getStats\",\"operationParams\":{}}").path(transport.getId());
                assertEquals("server", raw.path("dtlsRole").asText(), raw.toString());
                assertEquals("SRTP_AEAD_AES_128_GCM", raw.path("srtpCipher").asText(), raw.toString());
                assertEquals(raw.path("srtpCipher").asText(),
                        JSON.readTree(chrome.evaluateString("transport()")).path("srtpCipher").asText(), "the browser's own");
            }

            RTCIceCandidatePairStats pair = (RTCIceCandidatePairStats) first.get(transport.getSelectedCandidatePairId());
            assertNotNull(pair, "the selected pair " + transport.getSelectedCandidatePairId() + " among " + first.keySet());
            assertEquals(RTCStatsIceCandidatePairState.succeeded, pair.getState());
            assertTrue(pair.getNominated() && pair.getReadable() && pair.getWritable(), "nominated, checked, sent on");
            assertEquals(transport.getId(), pair.getTransportId());
            assertTrue(pair.getPriority() > 0, "RFC 8445 §6.1.2.3 priority: " + pair.getPriority());

            RTCIceCandidateAttributes remote = (RTCIceCandidateAttributes) first.get(pair.getRemoteCandidateId());
            List<String> gathered = browserCandidates(chrome);
            String where = " " + remote.getIpAddress() + " " + remote.getPortNumber() + " ";
            assertTrue(gathered.stream().anyMatch(c -> c.contains(where)),
                    "the remote candidate" + where + "is one the browser gathered: " + gathered);
            assertEquals(RTCStatsIceCandidateType.host, remote.getCandidateType(), "as the browser trickled it");
            assertEquals(StatsType.remotecandidate, remote.getType());
            RTCIceCandidateAttributes local = (RTCIceCandidateAttributes) first.get(pair.getLocalCandidateId());
            assertEquals("127.0.0.1", local.getIpAddress());
            assertTrue(offer.contains("m=audio " + local.getPortNumber() + " "), "our port " + local.getPortNumber());
            assertEquals(StatsType.localcandidate, local.getType());

            long before = pair.getBytesReceived();
            RTCIceCandidatePairStats later = pollPair(endpoint, transport.getSelectedCandidatePairId(),
                    p -> p.getBytesReceived() > before && p.getBytesSent() > 0 && p.getAvailableOutgoingBitrate() > 0);
            assertTrue(later.getBytesReceived() > before, before + " then " + later.getBytesReceived());
            // our send-side estimate from the browser's transport-wide feedback (decision 0066), within its bounds
            org.webims.webrtc.congestion.SendBitrate bounds = org.webims.webrtc.congestion.SendBitrate.defaults();
            assertTrue(later.getAvailableOutgoingBitrate() >= bounds.min()
                    && later.getAvailableOutgoingBitrate() <= bounds.max(), "availableOutgoingBitrate "
                    + later.getAvailableOutgoingBitrate());
        }
    }

    /**
     * A recorder joined to a loopback call asks the endpoint's video for a key frame: the endpoint
     * sends the browser a PLI, and our RTCInboundRTPStreamStats of its video stream counts it; the
     * browser's sender counts as many received. We send no FIR and no NACK.
     */
    @Test
    void inboundStatsCountThePlisWeSendWhenARecorderAsksForAKeyFrame(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path dir) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            WebRtcEndpoint endpoint = loopbackOfferedTo(chrome).endpoint();
            long before = inboundVideo(endpoint).getPliCount();

            RecorderEndpoint recorder = new RecorderEndpoint.Builder(endpoint.getMediaPipeline(),
                    dir.resolve("call.webm").toUri().toString()).build();
            endpoint.connect(recorder);
            recorder.record();
            long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
            RTCInboundRTPStreamStats video = inboundVideo(endpoint);
            while (video.getPliCount() <= before && System.nanoTime() < deadline) {
                Thread.sleep(200);
                video = inboundVideo(endpoint);
            }
            assertTrue(video.getPliCount() > before, "PLIs sent: " + before + " before the recorder, "
                    + video.getPliCount() + " after");
            assertEquals(0, video.getFirCount());
            assertEquals(0, video.getNackCount());
            long ours = video.getPliCount();
            JsonNode browser = chrome.pollJson("plisReceived()", s -> s.path("video").asLong() >= ours, MEDIA_WAIT);
            assertTrue(browser.path("video").asLong() >= ours, "the browser's sender counts them: " + browser);
            recorder.stopAndWait();
        }
    }

    static RTCInboundRTPStreamStats inboundVideo(WebRtcEndpoint endpoint) {
        return endpoint.getStats(org.kurento.client.MediaType.VIDEO).values().stream()
                .filter(RTCInboundRTPStreamStats.class::isInstance).map(RTCInboundRTPStreamStats.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no inbound video stream"));
    }

    static <T extends Stats> T only(java.util.Map<String, Stats> stats, Class<T> type) {
        List<T> found = stats.values().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " in " + stats.keySet());
        return found.get(0);
    }

    /** The {@code a=fingerprint} value of a description, as {@code "sha-256 AB:..."}. */
    static String fingerprint(String sdp) {
        return sdp.replaceAll("(?s).*?a=fingerprint:(sha-256 [0-9A-Fa-f:]+).*", "$1");
    }

    static RTCIceCandidatePairStats pollPair(WebRtcEndpoint endpoint, String id,
                                             java.util.function.Predicate<RTCIceCandidatePairStats> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        RTCIceCandidatePairStats last = null;
        while (System.nanoTime() < deadline) {
            last = (RTCIceCandidatePairStats) endpoint.getStats().get(id);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("pair " + id + " never got there; last received "
                + (last == null ? "none" : last.getBytesReceived()));
    }

    record LoopbackCall(WebRtcEndpoint endpoint, String offer, String answer) { }

    /** A {@link #loopback} that offers, Chromium answers; returns once the browser gets its audio and video back. */
    private LoopbackCall loopbackOfferedTo(HeadlessChromium chrome) throws Exception {
        WebRtcEndpoint endpoint = loopback();
        PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
        String offer = endpoint.generateOffer();
        String answer = chrome.call("answerOffer", offer, true, true);
        endpoint.processAnswer(answer);
        signalling.connect(chrome);
        chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > 20
                && s.path("audioPackets").asInt() > 50, MEDIA_WAIT);
        return new LoopbackCall(endpoint, offer, answer);
    }

    /** Kurento's hello-world element: a WebRtcEndpoint in a new pipeline, connected to itself. */
    private WebRtcEndpoint loopback() {
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(client.createMediaPipeline()).build();
        endpoint.connect(endpoint);
        return endpoint;
    }

    static int keyframeRequests(JsonNode kind) {
        return kind.path("pli").asInt() + kind.path("fir").asInt();
    }

    /** Our outbound stream of one media type as kurento-client reads it, polled until {@code done} holds. */
    static RTCOutboundRTPStreamStats pollOutbound(WebRtcEndpoint endpoint, org.kurento.client.MediaType type,
                                                  java.util.function.Predicate<RTCOutboundRTPStreamStats> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        RTCOutboundRTPStreamStats last = null;
        while (System.nanoTime() < deadline) {
            last = endpoint.getStats(type).values().stream().filter(RTCOutboundRTPStreamStats.class::isInstance)
                    .map(RTCOutboundRTPStreamStats.class::cast).findFirst().orElse(null);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(type + " outbound stats never got there; last: " + describe(last));
    }

    static String describe(RTCOutboundRTPStreamStats o) {
        return o == null ? "none" : "sent " + o.getPacketsSent() + ", lost " + o.getPacketsLost() + " ("
                + o.getFractionLost() + "), rtt " + o.getRoundTripTime() + ", PLI " + o.getPliCount() + ", FIR "
                + o.getFirCount() + ", NACK " + o.getNackCount() + ", REMB " + o.getRemb();
    }

    @Test
    void malformedCandidateAndOfferGetKurentosErrors() {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
        KurentoServerException badOffer = assertThrows(KurentoServerException.class,
                () -> endpoint.processOffer("v=0\r\nnot an offer"));
        assertEquals(40201, badOffer.getCode(), badOffer.getMessage());
        String noIce = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";
        KurentoServerException refused = assertThrows(KurentoServerException.class, () -> endpoint.processOffer(noIce));
        assertEquals(40205, refused.getCode(), refused.getMessage());
        KurentoServerException badCandidate = assertThrows(KurentoServerException.class,
                () -> endpoint.addIceCandidate(new IceCandidate("candidate:x y z", "0", 0)));
        assertEquals(40401, badCandidate.getCode(), badCandidate.getMessage());
        KurentoServerException noOffer = assertThrows(KurentoServerException.class, () -> endpoint.processAnswer(noIce));
        assertEquals(40209, noOffer.getCode(), noOffer.getMessage());
        assertTrue(endpoint.generateOffer().contains("a=ice-ufrag:"), "the endpoint carries on");
    }

    @Test
    void stunAndTurnPropertiesAreKeptAndReadBackAndMalformedOnesRefused() {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint other = new WebRtcEndpoint.Builder(pipeline).build();
        assertEquals("", endpoint.getStunServerAddress());
        assertEquals(3478, endpoint.getStunServerPort());
        assertEquals("", endpoint.getTurnUrl());
        endpoint.setStunServerAddress("192.0.2.10");
        endpoint.setStunServerPort(19302);
        endpoint.setTurnUrl("user:secret@192.0.2.11:3478?transport=udp");
        assertEquals("192.0.2.10", endpoint.getStunServerAddress());
        assertEquals(19302, endpoint.getStunServerPort());
        assertEquals("user:secret@192.0.2.11:3478?transport=udp", endpoint.getTurnUrl());
        assertEquals("", other.getStunServerAddress(), "each endpoint has its own");
        KurentoServerException badPort = assertThrows(KurentoServerException.class, () -> endpoint.setStunServerPort(70000));
        assertEquals(40107, badPort.getCode(), badPort.getMessage());
        KurentoServerException badUrl = assertThrows(KurentoServerException.class, () -> endpoint.setTurnUrl("turn:192.0.2.11"));
        assertEquals(40107, badUrl.getCode(), badUrl.getMessage());
        assertEquals(19302, endpoint.getStunServerPort(), "a refused value changes nothing");
        assertTrue(endpoint.generateOffer().contains(" typ host"), "ICE-lite: still host candidates only");
    }

    /** kms-elements' turnUrl takes {@code ?transport=tls} (TURN over TLS, RFC 7065) by host name or address. */
    @Test
    void aTurnUrlOverTlsIsKeptAndReadBackAndAnUnknownTransportRefused() {
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(client.createMediaPipeline()).build();
        endpoint.setTurnUrl("user:secret@turn.example.net:5349?transport=tls");
        assertEquals("user:secret@turn.example.net:5349?transport=tls", endpoint.getTurnUrl());
        endpoint.setTurnUrl("alice:c2VjcmV0@[2001:db8::7]:443?transport=tls");
        assertEquals("alice:c2VjcmV0@[2001:db8::7]:443?transport=tls", endpoint.getTurnUrl(),
                "an IPv6 address");
        KurentoServerException dtls = assertThrows(KurentoServerException.class,
                () -> endpoint.setTurnUrl("user:secret@turn.example.net:5349?transport=dtls"));
        assertEquals(40107, dtls.getCode(), dtls.getMessage());
        KurentoServerException scheme = assertThrows(KurentoServerException.class,
                () -> endpoint.setTurnUrl("turns:turn.example.net:5349"));
        assertEquals(40107, scheme.getCode(), scheme.getMessage());
        assertEquals("alice:c2VjcmV0@[2001:db8::7]:443?transport=tls", endpoint.getTurnUrl(),
                "a refused value changes nothing");
    }

    @Test
    void releasingThePipelineFreesTheEndpointsPort() throws Exception {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
        String offer = endpoint.generateOffer();
        int port = Integer.parseInt(offer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
        try (DatagramChannel probe = DatagramChannel.open()) {
            assertThrows(java.io.IOException.class,
                    () -> probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        }
        pipeline.release();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                break;
            } catch (java.io.IOException e) {
                // NIO closes a channel registered with a selector at the I/O thread's next select
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " still bound after the release", e);
                }
                Thread.sleep(20);
            }
        }
        assertEquals(0, node.kurento().objectCount());
    }

    /** The browser's own candidates, once it has gathered them, from its local description. */
    static List<String> browserCandidates(HeadlessChromium chrome) throws Exception {
        JsonNode lines = JSON.readTree(chrome.evaluateString("(async () => {"
                + " while (pc.iceGatheringState !== 'complete') await new Promise(r => setTimeout(r, 50));"
                + " return JSON.stringify(pc.localDescription.sdp.split('\\r\\n')"
                + ".filter(l => l.startsWith('a=candidate:')).map(l => l.substring(2))); })()"));
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.asText()));
        assertTrue(!out.isEmpty(), "the browser gathered candidates");
        return out;
    }

    static <T> T await(BlockingQueue<T> events, java.util.function.Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        List<T> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            T e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
                if (wanted.test(e)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no wanted event among " + seen.size() + " received");
    }

    static PortRange freeRange(int size) throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int start = Math.min(((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1, 65534 - size);
            return new PortRange(start, start + size - 1);
        }
    }
}
