package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.PortRange;
import org.webims.media.transport.UdpPortAllocator;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.media.pipeline.event.FormatChosen;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceCandidateInfo;
import org.webims.webrtc.event.IceGatheringDone;
import org.webims.webrtc.sdp.WebRtcSdpException;

/** SDP both ways, trickle and the port's address filter, without a browser. */
class WebRtcEndpointSignallingTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate(Duration.ofDays(30));

    MediaEngine engine;
    MediaIoLoop loop;
    ExecutorService handshakes;
    MediaPipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);
        loop = new MediaIoLoop(1, "webrtc-test-io");
        handshakes = Executors.newCachedThreadPool();
        pipeline = engine.createPipeline();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        loop.close();
        handshakes.shutdownNow();
    }

    WebRtcEndpoint endpoint() throws Exception {
        int start = BrowserBed.freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 19), 1 << 20);
        return new WebRtcEndpoint(pipeline, WebRtcEndpointContext.of(ports, loop, CERTIFICATE, handshakes),
                WebRtcEndpointSettings.defaults());
    }

    /** The candidates {@code a} announces (IceCandidateFound) once it has gathered (IceGatheringDone). */
    java.util.List<String> gathered(WebRtcEndpoint a) throws InterruptedException {
        java.util.List<MediaEvent> found = new java.util.concurrent.CopyOnWriteArrayList<>();
        pipeline.addEventListener(found::add);
        a.gatherCandidates();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (found.stream().noneMatch(e -> e instanceof IceGatheringDone) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return found.stream().filter(e -> e instanceof IceCandidateFound && e.element() == a)
                .map(e -> ((IceCandidateFound) e).candidate().candidate()).toList();
    }

    @Test
    void anEndpointWhoseSetUpFailsLeavesItsPipelineAndFreesItsPort() throws Exception {
        int even = BrowserBed.freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(even, even + 1), 1 << 20);
        // the engine shutting down under a call being set up: its scheduler refuses the endpoint's timers
        engine.scheduler().shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> new WebRtcEndpoint(pipeline,
                WebRtcEndpointContext.of(ports, loop, CERTIFICATE, handshakes), WebRtcEndpointSettings.defaults()));
        assertTrue(pipeline.elements().isEmpty(), "the half-built endpoint is gone from its pipeline");
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(new InetSocketAddress(LOOPBACK, even)); // throws if the failed endpoint kept it
        }
    }

    /**
     * Two web interfaces, the second's range full: the constructor fails at the second socket and
     * frees the first one it had taken (no leaked port), leaving nothing in its pipeline.
     */
    @Test
    void anEndpointWhoseSecondInterfaceHasNoFreePortFreesTheFirstInterfacesPort() throws Exception {
        int even = BrowserBed.freeRangeStart();
        PortRange range = new PortRange(even, even + 1);
        InetAddress second = InetAddress.getByName("127.0.0.2");
        try (DatagramChannel taken = DatagramChannel.open().bind(new InetSocketAddress(second, even))) {
            WebRtcEndpointContext context = new WebRtcEndpointContext(java.util.List.of(
                    new WebRtcEndpointContext.WebInterface(new UdpPortAllocator(LOOPBACK, range, 1 << 20),
                            java.util.Optional.empty()),
                    new WebRtcEndpointContext.WebInterface(new UdpPortAllocator(second, range, 1 << 20),
                            java.util.Optional.empty())), loop, CERTIFICATE, handshakes);
            java.io.IOException full = assertThrows(java.io.IOException.class,
                    () -> new WebRtcEndpoint(pipeline, context, WebRtcEndpointSettings.defaults()));
            assertTrue(full.getMessage().contains("127.0.0.2"), full.getMessage());
            assertTrue(pipeline.elements().isEmpty(), "the half-built endpoint is gone from its pipeline");
            assertEquals(java.util.List.of(new InetSocketAddress(second, even)),
                    org.webims.media.transport.OwnUdpSockets.inRange(even, even + 1),
                    "only the test's own socket: the first interface's port was freed");
        }
    }

    /**
     * RFC 8445 §5.1.1.1 and §5.1.2.1: a host candidate on each web interface's socket (each its own
     * port) and one for the first's public address, every priority distinct; the first interface is
     * the m= and c= lines, and trickle announces every candidate.
     */
    @Test
    void twoWebInterfacesGiveASocketAndHostCandidateEachWithDistinctPrioritiesTheFirstInTheConnectionLine()
            throws Exception {
        int start = BrowserBed.freeRangeStart();
        PortRange range = new PortRange(start, start + 19);
        InetAddress second = InetAddress.getByName("127.0.0.2");
        WebRtcEndpoint a = new WebRtcEndpoint(pipeline, new WebRtcEndpointContext(java.util.List.of(
                new WebRtcEndpointContext.WebInterface(new UdpPortAllocator(LOOPBACK, range, 1 << 20),
                        java.util.Optional.of("203.0.113.7")),
                new WebRtcEndpointContext.WebInterface(new UdpPortAllocator(second, range, 1 << 20),
                        java.util.Optional.empty())), loop, CERTIFICATE, handshakes), WebRtcEndpointSettings.defaults());
        java.util.List<InetSocketAddress> sockets = a.localAddresses();
        assertEquals(2, sockets.size());
        assertEquals(LOOPBACK, sockets.get(0).getAddress());
        assertEquals(second, sockets.get(1).getAddress());
        assertEquals(java.util.Set.copyOf(sockets), java.util.Set.copyOf(
                org.webims.media.transport.OwnUdpSockets.inRange(range.min(), range.max())), "both bound in the kernel");
        String offer = a.generateOffer();
        assertTrue(offer.contains("c=IN IP4 203.0.113.7\r\n"), offer);
        assertTrue(offer.contains("m=audio " + sockets.get(0).getPort() + " "), offer);
        java.util.List<org.webims.webrtc.ice.IceCandidate> candidates = a.localCandidates();
        assertEquals(java.util.List.of(sockets.get(0), new InetSocketAddress("203.0.113.7", sockets.get(0).getPort()),
                sockets.get(1)), candidates.stream().map(org.webims.webrtc.ice.IceCandidate::address).toList());
        assertEquals(3, candidates.stream().map(org.webims.webrtc.ice.IceCandidate::priority).distinct().count(),
                candidates.toString());
        assertEquals(candidates.get(2), a.socketCandidate(1), "the second socket's pairs name its host candidate");
        for (org.webims.webrtc.ice.IceCandidate c : candidates) {
            assertTrue(offer.contains("a=" + c.toSdp() + "\r\n"), c.toSdp() + " in\n" + offer);
        }
        assertEquals(candidates.stream().map(org.webims.webrtc.ice.IceCandidate::toSdp).toList(), gathered(a));
        a.release();
        assertTrue(BrowserBed.eventually(() -> {
            try {
                return org.webims.media.transport.OwnUdpSockets.inRange(range.min(), range.max()).isEmpty();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }), "both sockets closed on release");
    }

    @Test
    void ourOfferIsIceLiteActpassBundledWithTheWebRtcCodecs() throws Exception {
        WebRtcEndpoint a = endpoint();
        String offer = a.generateOffer();
        for (String line : new String[] {"a=ice-lite", "a=group:BUNDLE 0 1", "a=setup:actpass", "a=rtcp-mux",
            "a=fingerprint:" + CERTIFICATE.fingerprint(), "m=audio " + a.localPort() + " UDP/TLS/RTP/SAVPF",
            "m=video " + a.localPort() + " UDP/TLS/RTP/SAVPF", "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:96 VP8/90000", "a=rtpmap:102 H264/90000",
            "profile-level-id=42e01f", "packetization-mode=1", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 transport-cc", "rtx/90000", "apt=96",
            "telephone-event/48000", "urn:ietf:params:rtp-hdrext:sdes:mid", "abs-send-time",
            "transport-wide-cc", "a=candidate:1 1 udp 2130706431 127.0.0.1 " + a.localPort() + " typ host",
            "a=ice-ufrag:" + a.iceCredentials().ufrag(), "a=msid:", "cname:", "a=ssrc-group:FID"}) {
            assertTrue(offer.contains(line), "offer lacks " + line + ":\n" + offer);
        }
    }

    /** Issue 4's model: negotiation says which codec each media type is received and sent in (CodecChosen). */
    @Test
    void answeringChromesOfferRaisesTheCodecChosenForEachMediaTypeAndDirection() throws Exception {
        WebRtcEndpoint a = endpoint();
        java.util.List<MediaEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        pipeline.addEventListener(events::add);
        a.processOffer(chromeOffer(true));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.stream().filter(e -> e instanceof FormatChosen).count() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        java.util.Set<String> chosen = new java.util.TreeSet<>();
        for (MediaEvent e : events) {
            if (e instanceof FormatChosen c && c.element() == a) {
                chosen.add(c.mediaType() + " " + c.direction() + " " + c.format().encoding());
            }
        }
        assertEquals(java.util.Set.of("AUDIO RECEIVE opus", "AUDIO SEND opus", "VIDEO RECEIVE VP8", "VIDEO SEND VP8"),
                chosen);
    }

    /** Decision 0008: behind a 1:1 NAT the configured public address is what the browser is told to reach. */
    @Test
    void aConfiguredPublicAddressIsTheConnectionAddressAndASecondHostCandidateOnTheSamePort() throws Exception {
        int start = BrowserBed.freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 19), 1 << 20);
        String publicAddress = "203.0.113.7"; // RFC 5737 TEST-NET-3
        WebRtcEndpoint a = new WebRtcEndpoint(pipeline, new WebRtcEndpointContext(ports, loop, CERTIFICATE, handshakes,
                java.util.Optional.of(publicAddress)), WebRtcEndpointSettings.defaults());
        String offer = a.generateOffer();
        assertTrue(offer.contains("c=IN IP4 " + publicAddress), offer);
        assertTrue(offer.contains(" 127.0.0.1 " + a.localPort() + " typ host"), "the bound interface: " + offer);
        assertTrue(offer.contains(" " + publicAddress + " " + a.localPort() + " typ host"), "the public one: " + offer);
        java.util.List<String> trickled = gathered(a);
        assertEquals(2, trickled.size(), trickled.toString());
        assertTrue(trickled.stream().anyMatch(c -> c.contains(publicAddress + " " + a.localPort())), trickled.toString());
    }

    /** Chrome's offer (audio mid 0, video mid 1, its own extension ids), CRLF line ends; audio only if asked. */
    private static String chromeOffer(boolean video) throws Exception {
        String sdp = java.nio.file.Files.readString(java.nio.file.Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"))
                .replace("\r\n", "\n");
        if (!video) {
            sdp = sdp.substring(0, sdp.indexOf("m=video")).replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
        }
        return sdp.replace("\n", "\r\n");
    }

    /** The a=extmap lines of the m-line of {@code media} in {@code sdp}, as id by URI. */
    private static java.util.Map<String, Integer> extensionIds(String sdp, String media) {
        String section = sdp.substring(sdp.indexOf("m=" + media));
        int next = section.indexOf("\nm=", 1);
        section = next < 0 ? section : section.substring(0, next);
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^a=extmap:(\\d+) (\\S+)").matcher(section);
        while (m.find()) {
            ids.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    @Test
    void reOfferAfterTheBrowsersAudioOfferKeepsItsMidAndExtensionIdsAndAddsVideoWithANewMid() throws Exception {
        WebRtcEndpoint a = endpoint();
        a.processOffer(chromeOffer(false));
        String reOffer = a.generateOffer();
        assertTrue(reOffer.indexOf("m=audio") < reOffer.indexOf("m=video") && reOffer.contains("a=group:BUNDLE 0 1"),
                "audio keeps its place and mid, video comes after it with a new one (JSEP §5.2.2):\n" + reOffer);
        // Chrome's ids: 1 audio level, 2 abs-send-time, 3 transport-wide cc, 4 mid; one mapping across the bundle
        java.util.Map<String, Integer> expected = java.util.Map.of("urn:ietf:params:rtp-hdrext:sdes:mid", 4,
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", 2,
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", 3);
        assertEquals(expected, extensionIds(reOffer, "audio"), reOffer);
        assertEquals(expected, extensionIds(reOffer, "video"), reOffer);
    }

    @Test
    void reOfferDroppingVideoRejectsItsMlineWithPortZeroOutsideTheBundle() throws Exception {
        WebRtcEndpoint a = endpoint();
        a.processOffer(chromeOffer(true));
        String reOffer = a.generateOffer(java.util.Set.of(org.webims.media.pipeline.MediaType.VIDEO));
        assertTrue(reOffer.contains("m=video 0 UDP/TLS/RTP/SAVPF") && reOffer.contains("a=group:BUNDLE 0\r\n")
                && reOffer.contains("m=audio " + a.localPort()), "RFC 3264 §8.2, RFC 8843 §7.3.3:\n" + reOffer);
        assertEquals(4, extensionIds(reOffer, "audio").get("urn:ietf:params:rtp-hdrext:sdes:mid"), reOffer);
    }

    @Test
    void answerToOurOfferSettlesTheDtlsRolesBothWays() throws Exception {
        WebRtcEndpoint a = endpoint();
        WebRtcEndpoint b = endpoint();
        String answer = b.processOffer(a.generateOffer());
        assertTrue(answer.contains("a=setup:passive"), "RFC 8842 §5.3: we answer actpass as passive (decision 0085)");
        assertTrue(answer.contains("a=mid:0") && answer.contains("a=mid:1") && answer.contains("a=group:BUNDLE 0 1"));
        a.processAnswer(answer);
        assertEquals(DtlsSession.Role.CLIENT, roleOf(a));
        assertEquals(DtlsSession.Role.SERVER, roleOf(b));
        assertThrows(WebRtcSdpException.class, () -> a.processAnswer(answer), "no offer is pending any more");
    }

    static DtlsSession.Role roleOf(WebRtcEndpoint e) {
        String local = e.getLocalSessionDescriptor();
        String remote = e.getRemoteSessionDescriptor();
        return local.contains("a=setup:active") || remote.contains("a=setup:passive")
                ? DtlsSession.Role.CLIENT : DtlsSession.Role.SERVER;
    }

    @Test
    void offersWithoutBundleOrRtcpMuxAreRefusedWithTheReason() throws Exception {
        WebRtcEndpoint b = endpoint();
        String offer = endpoint().generateOffer();
        WebRtcSdpException noBundle = assertThrows(WebRtcSdpException.class,
                () -> b.processOffer(offer.replace("a=group:BUNDLE 0 1\r\n", "")));
        assertTrue(noBundle.getMessage().contains("BUNDLE"), noBundle.getMessage());
        WebRtcSdpException noMux = assertThrows(WebRtcSdpException.class,
                () -> b.processOffer(offer.replace("a=rtcp-mux\r\n", "")));
        assertTrue(noMux.getMessage().contains("rtcp-mux"), noMux.getMessage());
        WebRtcSdpException garbage = assertThrows(WebRtcSdpException.class, () -> b.processOffer("v=0\r\nbogus"));
        assertTrue(garbage.getMessage().startsWith("malformed SDP"), garbage.getMessage());
        assertTrue(b.processOffer(offer).contains("a=ice-lite"), "the endpoint still answers a good offer");
    }

    @Test
    void trickledCandidatesAreCheckedForSyntaxOnly() throws Exception {
        WebRtcEndpoint e = endpoint();
        e.addIceCandidate(new IceCandidateInfo(
                "candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 10.0.0.2 rport 46154", "0", 0));
        e.addIceCandidate(new IceCandidateInfo("", "0", 0)); // end of candidates
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.addIceCandidate(new IceCandidateInfo("candidate:1 1 udp notanumber 1.2.3.4 5 typ host", "0", 0)));
        assertTrue(bad.getMessage().contains("priority"), bad.getMessage());
        assertEquals(1, e.remoteCandidatesAdded());
    }

    @Test
    void dtlsAndMediaFromAnUnvalidatedAddressAreDroppedAndCounted() throws Exception {
        WebRtcEndpoint e = endpoint();
        try (DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, e.localPort());
            byte[] rtp = new byte[40];
            rtp[0] = (byte) 0x80;
            byte[] dtls = new byte[40];
            dtls[0] = 22; // handshake record (RFC 7983: 20..63)
            byte[] other = new byte[40];
            other[0] = 100;
            stranger.send(ByteBuffer.wrap(rtp), to);
            stranger.send(ByteBuffer.wrap(dtls), to);
            stranger.send(ByteBuffer.wrap(other), to);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((e.transportCounters().droppedFromUnvalidated() < 2 || e.transportCounters().droppedUnknown() < 1)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(2, e.transportCounters().droppedFromUnvalidated());
        assertEquals(1, e.transportCounters().droppedUnknown());
        assertEquals(0, e.transportCounters().rtpPackets() + e.transportCounters().dtlsRecords());
    }
}
