package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.JSON;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.MEDIA_WAIT;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.DtlsConnectionState;
import org.kurento.client.DtlsConnectionStateChangeEvent;
import org.kurento.client.IceCandidate;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.IceGatheringDoneEvent;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.NewCandidatePairSelectedEvent;
import org.kurento.client.RTCIceCandidateAttributes;
import org.kurento.client.RTCIceCandidatePairStats;
import org.kurento.client.RTCTransportStats;
import org.kurento.client.Stats;
import org.kurento.client.WebRtcEndpoint;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.OwnUdpSockets;
import org.webims.media.transport.PortRange;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;

/**
 * A media node with two web interfaces (issue 5's "host candidates on configured interfaces"):
 * 127.0.0.3, which a 1:1 NAT is said to map to the TEST-NET address 192.0.2.10 (RFC 5737, so
 * nothing answers there), and 127.0.0.2. Every 127/8 address is local on Linux, so the browser
 * could reach 127.0.0.3 if it knew it; it stands for a private address the browser cannot reach,
 * and the browser is told only the first interface's NAT address, never its private one. The call
 * must connect through the second interface, and the endpoint must report that interface's
 * candidate as the selected pair's local one.
 */
class KurentoWebInterfacesTest {

    static final InetAddress FIRST = KurentoMediaInterfacesTest.address("127.0.0.3");
    static final InetAddress FIRST_NAT = KurentoMediaInterfacesTest.address("192.0.2.10");
    static final InetAddress SECOND = KurentoMediaInterfacesTest.address("127.0.0.2");

    PortRange ports;
    MediaNodeServer node;
    KurentoClient client;

    @BeforeEach
    void start() throws Exception {
        ports = KurentoWebRtcEndpointTest.freeRange(40);
        MediaNodeSettings settings = MediaNodeSettings.loopback(ports).withInterfaces(
                List.of(new MediaInterface(FIRST, FIRST_NAT), new MediaInterface(SECOND, null)),
                new MediaInterface(InetAddress.getLoopbackAddress(), null));
        node = KurentoWebRtcEndpointTest.startNode(settings);
        client = KurentoClient.create(node.uri().toString());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy();
        }
        node.close();
    }

    @Test
    void theCallConnectsThroughTheSecondInterfaceWhenTheFirstIsUnreachableAndBothSocketsCloseOnRelease()
            throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            MediaPipeline pipeline = client.createMediaPipeline();
            WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
            endpoint.connect(endpoint);
            BlockingQueue<IceCandidateFoundEvent> found = new LinkedBlockingQueue<>();
            BlockingQueue<IceGatheringDoneEvent> gathered = new LinkedBlockingQueue<>();
            BlockingQueue<DtlsConnectionStateChangeEvent> dtls = new LinkedBlockingQueue<>();
            BlockingQueue<NewCandidatePairSelectedEvent> selected = new LinkedBlockingQueue<>();
            endpoint.addIceCandidateFoundListener(found::add);
            endpoint.addIceGatheringDoneListener(gathered::add);
            endpoint.addDtlsConnectionStateChangeListener(dtls::add);
            endpoint.addNewCandidatePairSelectedListener(selected::add);

            String answer = endpoint.processOffer(chrome.call("makeOffer", true, true, "VP8"));
            int firstPort = Integer.parseInt(find(answer, "m=audio (\\d+) "));
            assertTrue(answer.contains("c=IN IP4 192.0.2.10\r\n"), "the first interface's NAT address is the c= line:\n"
                    + answer);
            List<String> offered = List.copyOf(new java.util.LinkedHashSet<>(lines(answer, "a=(candidate:[^\r\n]+)")));
            assertEquals(3, offered.size(), "a host candidate per socket and one for the NAT address (in each bundled"
                    + " m= section): " + offered);
            assertTrue(offered.get(0).contains(" 127.0.0.3 " + firstPort + " typ host"), offered.get(0));
            assertTrue(offered.get(1).contains(" 192.0.2.10 " + firstPort + " typ host"), offered.get(1));
            assertTrue(offered.get(2).contains(" 127.0.0.2 "), offered.get(2));
            // each interface has its own allocator over the one range: the port numbers may well be equal
            int secondPort = Integer.parseInt(find(offered.get(2), " 127\\.0\\.0\\.2 (\\d+) typ host"));
            Set<Long> priorities = new HashSet<>();
            offered.forEach(c -> priorities.add(Long.parseLong(c.split(" ")[3])));
            assertEquals(3, priorities.size(), "distinct priorities (RFC 8445 §5.1.2.1 local preference): " + offered);

            // the browser learns the NAT address and the second interface, never the first's private address
            chrome.call("acceptAnswer", withoutCandidatesOn(answer, "127.0.0.3"));
            endpoint.gatherCandidates();
            assertNotNull(gathered.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS), "IceGatheringDone");
            List<String> trickled = new ArrayList<>();
            while (trickled.size() < 3) {
                IceCandidateFoundEvent e = found.poll(MEDIA_WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(e, "IceCandidateFound for each candidate: " + trickled);
                IceCandidate c = e.getCandidate();
                trickled.add(c.getCandidate());
                if (!c.getCandidate().contains(" 127.0.0.3 ")) {
                    chrome.evaluate("pc.addIceCandidate(" + JSON.writeValueAsString(Map.of("candidate", c.getCandidate(),
                            "sdpMid", c.getSdpMid(), "sdpMLineIndex", c.getSdpMLineIndex())) + ").then(() => 'ok')");
                }
            }
            assertEquals(Set.copyOf(offered), Set.copyOf(trickled), "trickle announces every candidate of the SDP");
            for (String candidate : KurentoWebRtcEndpointTest.browserCandidates(chrome)) {
                endpoint.addIceCandidate(new IceCandidate(candidate, "0", 0));
            }
            await(dtls, e -> e.getState() == DtlsConnectionState.CONNECTED);

            JsonNode media = chrome.pollJson("inbound()", KurentoWebInterfacesTest::flowing, MEDIA_WAIT);
            assertTrue(flowing(media), "audio and video came back: " + media + chrome.log());
            JsonNode pair = chrome.pollJson("selectedPair()", s -> s.has("remote"), MEDIA_WAIT);
            assertEquals("127.0.0.2:" + secondPort, pair.path("remote").asText(),
                    "the browser's pair ends on the second interface: " + pair);
            NewCandidatePairSelectedEvent ours = await(selected, e -> true);
            assertEquals(offered.get(2), ours.getCandidatePair().getLocalCandidate(),
                    "our selected pair's local candidate is the second socket's");

            Map<String, Stats> stats = endpoint.getStats();
            RTCTransportStats transport = KurentoWebRtcEndpointTest.only(stats, RTCTransportStats.class);
            RTCIceCandidatePairStats nominated = (RTCIceCandidatePairStats) stats.get(transport.getSelectedCandidatePairId());
            assertNotNull(nominated, transport.getSelectedCandidatePairId() + " among " + stats.keySet());
            RTCIceCandidateAttributes local = (RTCIceCandidateAttributes) stats.get(nominated.getLocalCandidateId());
            assertEquals("127.0.0.2", local.getIpAddress(), "getStats names the pair's own local candidate");
            assertEquals(secondPort, local.getPortNumber());

            Set<InetSocketAddress> sockets = new HashSet<>(OwnUdpSockets.inRange(ports.min(), ports.max()));
            assertEquals(Set.of(new InetSocketAddress(FIRST, firstPort), new InetSocketAddress(SECOND, secondPort)),
                    sockets, "one socket on each web interface, nothing else");

            pipeline.release();
            long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
            while (!OwnUdpSockets.inRange(ports.min(), ports.max()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // NIO closes a channel registered with a selector at the I/O thread's next select
            }
            assertEquals(List.of(), OwnUdpSockets.inRange(ports.min(), ports.max()), "both sockets closed on release");
        }
    }

    static boolean flowing(JsonNode s) {
        return s.path("videoFrames").asInt() > 20 && s.path("audioPackets").asInt() > 50;
    }

    /** The SDP without its candidate lines on {@code address}. */
    static String withoutCandidatesOn(String sdp, String address) {
        return sdp.replaceAll("a=candidate:[^\r\n]* " + Pattern.quote(address) + " [^\r\n]*\r\n", "");
    }

    static String find(String text, String regex) {
        return KurentoMediaInterfacesTest.find(text, regex);
    }

    static List<String> lines(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
