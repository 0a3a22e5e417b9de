package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.webims.webrtc.kurento.KurentoWebRtcEndpointTest.MEDIA_WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.kurento.client.IceCandidateFoundEvent;
import org.kurento.client.NewCandidatePairSelectedEvent;
import org.kurento.client.internal.server.KurentoServerException;
import org.kurento.client.RTCIceCandidateAttributes;
import org.kurento.client.RTCIceCandidatePairStats;
import org.kurento.client.RTCTransportStats;
import org.kurento.client.Stats;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.OwnUdpSockets;
import org.webims.media.transport.PortRange;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.browser.PeerPageServer;

/**
 * A media node between two networks (decision 0074): its web side on 127.0.0.1, its IMS side on
 * 127.0.0.2 (every 127/8 address is local on Linux). Endpoints made over the Kurento protocol take
 * their side's interface: a headless Chromium reaches the WebRtcEndpoint on the web address only,
 * the RtpEndpoint it is relayed to advertises and sends from the IMS address only, to a plain RTP
 * peer there that sends the browser's audio back. And a node with two web interfaces (decision
 * 0075), whose calls connect through whichever one the browser can reach.
 */
class KurentoMediaInterfacesTest {

    static final InetAddress WEB = address("127.0.0.1");
    static final InetAddress IMS = address("127.0.0.2");
    /** Two web interfaces: the first a private address behind a NAT to TEST-NET (RFC 5737), nothing there. */
    static final InetAddress FIRST = address("127.0.0.3");
    static final InetAddress FIRST_NAT = address("192.0.2.10");
    static final InetAddress SECOND = address("127.0.0.2");
    static final int OPUS = 111;
    static final int PEER_SSRC = 0x0b0e0002;

    PortRange ports;
    MediaNodeServer node;
    KurentoClient client;

    @BeforeEach
    void range() throws Exception {
        ports = KurentoWebRtcEndpointTest.freeRange(40);
    }

    /** A node on {@code ports} with these interfaces, and a kurento-client connected to it. */
    void start(MediaNodeSettings settings) throws Exception {
        node = KurentoWebRtcEndpointTest.startNode(settings);
        client = KurentoClient.create(node.uri().toString());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theBrowserReachesTheWebAddressAndTheRtpPeerHearsItFromTheImsAddressOnly() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        start(MediaNodeSettings.loopback(ports).withInterfaces(new MediaInterface(WEB, null), new MediaInterface(IMS, null)));
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url());
             EchoPeer peer = new EchoPeer(new InetSocketAddress(IMS, 0))) {
            MediaPipeline pipeline = client.createMediaPipeline();
            WebRtcEndpoint web = new WebRtcEndpoint.Builder(pipeline).build();
            RtpEndpoint ims = new RtpEndpoint.Builder(pipeline).build();
            web.connect(ims);
            ims.connect(web);

            String imsAnswer = ims.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                    + "m=audio " + peer.port() + " RTP/AVP " + OPUS + "\r\na=rtpmap:" + OPUS + " opus/48000/2\r\n"
                    + "a=rtcp-mux\r\na=sendrecv\r\n");
            assertTrue(imsAnswer.contains("c=IN IP4 127.0.0.2\r\n"), "the IMS side's SDP names its address:\n" + imsAnswer);
            int imsPort = Integer.parseInt(find(imsAnswer, "m=audio (\\d+) "));

            PeerPageSignalling signalling = new PeerPageSignalling(web);
            String webAnswer = web.processOffer(chrome.call("makeOffer", true, false, "VP8"));
            assertTrue(webAnswer.contains("c=IN IP4 127.0.0.1\r\n"), "the web side's SDP names its address:\n" + webAnswer);
            int webPort = Integer.parseInt(find(webAnswer, "m=audio (\\d+) "));
            chrome.call("acceptAnswer", webAnswer);
            signalling.connect(chrome);

            JsonNode heard = chrome.pollJson("inbound()", s -> s.path("audioPackets").asInt() > 50, MEDIA_WAIT);
            assertTrue(heard.path("audioPackets").asInt() > 50, "the browser's audio came back through the IMS side: " + heard);
            JsonNode pair = chrome.pollJson("selectedPair()", s -> s.has("remote"), MEDIA_WAIT);
            assertEquals("127.0.0.1:" + webPort, pair.path("remote").asText(), "the browser's pair is on the web address");

            assertEquals(Set.of(new InetSocketAddress(IMS, imsPort)), peer.sources(),
                    "every packet the RTP peer got came from the IMS side's socket");
            assertTrue(peer.echoed() > 50, "the peer sent back what it heard: " + peer.echoed());
            // both sides take ports from one range, so the numbers may match: what tells them apart is the address
            Set<InetSocketAddress> nodeSockets = new java.util.HashSet<>(OwnUdpSockets.inRange(ports.min(), ports.max()));
            nodeSockets.remove(new InetSocketAddress(IMS, peer.port()));
            assertEquals(Set.of(new InetSocketAddress(WEB, webPort), new InetSocketAddress(IMS, imsPort),
                    new InetSocketAddress(IMS, imsPort + 1)), nodeSockets,
                    "the WebRTC socket on the web address, RTP and its held RTCP port on the IMS address, nothing else");
        }
    }

    /**
     * Issue 5's "host candidates on configured interfaces": web interfaces 127.0.0.3, which a 1:1 NAT
     * is said to map to 192.0.2.10 (TEST-NET, nothing answers there), and 127.0.0.2. Every 127/8
     * address is local on Linux, so the browser could reach 127.0.0.3 if it knew it: it stands for a
     * private address the browser cannot reach, and the browser is told the first interface's NAT
     * address only. The call connects through the second interface, our selected pair and getStats
     * name its candidate, and each interface's socket is in the kernel's list until the release.
     */
    @Test
    void theCallConnectsThroughTheSecondInterfaceWhenTheFirstIsUnreachableAndBothSocketsCloseOnRelease()
            throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        start(MediaNodeSettings.loopback(ports).withInterfaces(
                List.of(new MediaInterface(FIRST, FIRST_NAT), new MediaInterface(SECOND, null)), new MediaInterface(WEB, null)));
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            MediaPipeline pipeline = client.createMediaPipeline();
            WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
            endpoint.connect(endpoint);
            PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
            BlockingQueue<NewCandidatePairSelectedEvent> selected = new LinkedBlockingQueue<>();
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
            List<String> trickled = signalling.trickle(chrome, c -> !c.contains(" 127.0.0.3 "), offered.size());
            assertEquals(Set.copyOf(offered), Set.copyOf(trickled), "trickle announces every candidate of the SDP");
            signalling.connected();

            JsonNode media = chrome.pollJson("inbound()", KurentoMediaInterfacesTest::flowing, MEDIA_WAIT);
            assertTrue(flowing(media), "audio and video came back: " + media + chrome.log());
            JsonNode pair = chrome.pollJson("selectedPair()", s -> s.has("remote"), MEDIA_WAIT);
            assertEquals("127.0.0.2:" + secondPort, pair.path("remote").asText(),
                    "the browser's pair ends on the second interface: " + pair);
            NewCandidatePairSelectedEvent ours = KurentoWebRtcEndpointTest.await(selected, e -> true);
            assertEquals(offered.get(2), ours.getCandidatePair().getLocalCandidate(),
                    "our selected pair's local candidate is the second socket's");

            RTCIceCandidateAttributes local = selectedLocalCandidate(endpoint);
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

    /** getStats' local candidate of the transport's selected pair. */
    static RTCIceCandidateAttributes selectedLocalCandidate(WebRtcEndpoint endpoint) {
        Map<String, Stats> stats = endpoint.getStats();
        RTCTransportStats transport = KurentoWebRtcEndpointTest.only(stats, RTCTransportStats.class);
        RTCIceCandidatePairStats nominated = (RTCIceCandidatePairStats) stats.get(transport.getSelectedCandidatePairId());
        assertNotNull(nominated, transport.getSelectedCandidatePairId() + " among " + stats.keySet());
        return (RTCIceCandidateAttributes) stats.get(nominated.getLocalCandidateId());
    }

    /**
     * Kurento's externalIPv4: the socket's host candidate carries it in place of the bind address, as
     * kms rewrites its host candidates (decision 0083), and it is the c= line; read back; a name, an
     * IPv6 address, or a change once the candidates are announced is MEDIA_OBJECT_ILLEGAL_PARAM_ERROR.
     */
    @Test
    void externalIpv4ReplacesTheHostCandidatesAddressAndIsTakenOnlyBeforeTheOffer() throws Exception {
        start(MediaNodeSettings.loopback(ports));
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(client.createMediaPipeline()).build();
        assertEquals("", endpoint.getExternalIPv4());
        assertEquals(40107, refused(() -> endpoint.setExternalIPv4("media.example.net")).getCode());
        assertEquals(40107, refused(() -> endpoint.setExternalIPv4("2001:db8::7")).getCode());
        endpoint.setExternalIPv4("198.51.100.7");
        assertEquals("198.51.100.7", endpoint.getExternalIPv4());
        BlockingQueue<IceCandidateFoundEvent> found = new LinkedBlockingQueue<>();
        endpoint.addIceCandidateFoundListener(found::add);

        String offer = endpoint.generateOffer();
        String port = find(offer, "m=audio (\\d+) ");
        assertTrue(offer.contains("c=IN IP4 198.51.100.7\r\n"), "the external address is the c= line:\n" + offer);
        List<String> offered = List.copyOf(new java.util.LinkedHashSet<>(lines(offer, "a=(candidate:[^\r\n]+)")));
        assertEquals(1, offered.size(), "the host candidate on the external address only: " + offered);
        assertTrue(offered.get(0).contains(" 198.51.100.7 " + port + " typ host"), offered.get(0));
        assertTrue(!offer.contains("127.0.0.1"), "the bind address is not announced:\n" + offer);
        endpoint.gatherCandidates();
        Set<String> announced = new HashSet<>();
        while (announced.size() < offered.size()) {
            IceCandidateFoundEvent e = found.poll(MEDIA_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(e, "IceCandidateFound for each candidate; so far " + announced);
            announced.add(e.getCandidate().getCandidate());
        }
        assertEquals(Set.copyOf(offered), announced);

        KurentoServerException late = refused(() -> endpoint.setExternalIPv4("198.51.100.8"));
        assertEquals(40107, late.getCode());
        assertTrue(late.getMessage().contains("before"), late.getMessage());
        assertEquals("198.51.100.7", endpoint.getExternalIPv4());
    }

    /**
     * Kurento's usual deployment: the media server binds every interface, and externalIPv4 names the
     * address browsers reach it at. The node's web side binds the wildcard; the endpoint's only
     * candidate, and its c= line, are the external address (127.0.0.1 here, where the browser is),
     * never the bind address; the browser connects through it and its media loops back.
     */
    @Test
    void aBrowserToldOnlyTheExternalAddressReachesAnEndpointBoundToEveryInterface() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        start(MediaNodeSettings.loopback(ports).withInterfaces(new MediaInterface(address("0.0.0.0"), null),
                new MediaInterface(IMS, null)));
        try (PeerPageServer page = new PeerPageServer(); HeadlessChromium chrome = new HeadlessChromium(page.url())) {
            WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(client.createMediaPipeline()).build();
            endpoint.connect(endpoint);
            endpoint.setExternalIPv4("127.0.0.1");
            PeerPageSignalling signalling = new PeerPageSignalling(endpoint);
            BlockingQueue<NewCandidatePairSelectedEvent> selected = new LinkedBlockingQueue<>();
            endpoint.addNewCandidatePairSelectedListener(selected::add);

            String answer = endpoint.processOffer(chrome.call("makeOffer", true, true, "VP8"));
            int port = Integer.parseInt(find(answer, "m=audio (\\d+) "));
            assertTrue(answer.contains("c=IN IP4 127.0.0.1\r\n"), "the external address is the c= line:\n" + answer);
            List<String> offered = List.copyOf(new java.util.LinkedHashSet<>(lines(answer, "a=(candidate:[^\r\n]+)")));
            assertEquals(List.of(offered.get(0)), offered, "one candidate: " + offered);
            assertTrue(offered.get(0).contains(" 127.0.0.1 " + port + " typ host"), offered.get(0));
            chrome.call("acceptAnswer", answer);
            signalling.connect(chrome);

            JsonNode media = chrome.pollJson("inbound()", KurentoMediaInterfacesTest::flowing, MEDIA_WAIT);
            assertTrue(flowing(media), "audio and video came back: " + media + chrome.log());
            JsonNode pair = chrome.pollJson("selectedPair()", s -> s.has("remote"), MEDIA_WAIT);
            assertEquals("127.0.0.1:" + port, pair.path("remote").asText(), "the browser's pair ends on the external address");
            // decision 0091: our pair events and getStats name the address the browser was told, not the wildcard bound
            NewCandidatePairSelectedEvent ours = KurentoWebRtcEndpointTest.await(selected, e -> true);
            assertEquals(offered.get(0), ours.getCandidatePair().getLocalCandidate(),
                    "our selected pair's local candidate is the one the browser checked");
            RTCIceCandidateAttributes local = selectedLocalCandidate(endpoint);
            assertEquals("127.0.0.1", local.getIpAddress(), "getStats' local candidate is the external address, not 0.0.0.0");
            assertEquals(port, local.getPortNumber());
        }
    }

    /**
     * Kurento's networkInterfaces over a node with two web interfaces, 127.0.0.1 and the address of
     * a second interface of this host (eth0's, say): the name of that interface keeps its socket
     * only, in the kernel's list and in the offer; "lo" keeps the loopback one; a name the host has
     * not, or a change after the offer, is MEDIA_OBJECT_ILLEGAL_PARAM_ERROR.
     */
    @Test
    void networkInterfacesKeepsTheNamedInterfacesSocketOnlyAndAnUnknownNameIsRefused() throws Exception {
        java.net.NetworkInterface other = nonLoopbackInterface();
        assumeTrue(other != null, "this host has a second network interface with an IPv4 address");
        InetAddress otherAddress = other.inetAddresses().filter(a -> a instanceof java.net.Inet4Address)
                .findFirst().orElseThrow();
        start(MediaNodeSettings.loopback(ports).withInterfaces(
                List.of(new MediaInterface(WEB, null), new MediaInterface(otherAddress, null)), new MediaInterface(WEB, null)));
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
        Set<InetAddress> bound = new HashSet<>();
        OwnUdpSockets.inRange(ports.min(), ports.max()).forEach(a -> bound.add(a.getAddress()));
        assertEquals(Set.of(WEB, otherAddress), bound, "a socket on each web interface");

        KurentoServerException unknown = refused(() -> endpoint.setNetworkInterfaces("nosuch0"));
        assertEquals(40107, unknown.getCode());
        assertTrue(unknown.getMessage().contains("nosuch0"), unknown.getMessage());
        assertEquals(40107, refused(() -> endpoint.setNetworkInterfaces("lo,")).getCode(), "an empty name");

        endpoint.setNetworkInterfaces(other.getName());
        assertEquals(other.getName(), endpoint.getNetworkInterfaces());
        String offer = endpoint.generateOffer();
        String port = find(offer, "m=audio (\\d+) ");
        assertTrue(offer.contains("c=IN IP4 " + otherAddress.getHostAddress() + "\r\n"), offer);
        Set<String> offered = new HashSet<>(lines(offer, "a=(candidate:[^\r\n]+)"));
        assertEquals(1, offered.size(), "one candidate, on " + other.getName() + ": " + offered);
        assertTrue(offered.iterator().next().contains(" " + otherAddress.getHostAddress() + " " + port + " "), offered.toString());
        assertEquals(List.of(new InetSocketAddress(otherAddress, Integer.parseInt(port))), awaitSockets(1),
                "the kernel lists only the kept interface's socket");
        assertEquals(40107, refused(() -> endpoint.setNetworkInterfaces("lo")).getCode(), "after the offer");

        WebRtcEndpoint loopbackOnly = new WebRtcEndpoint.Builder(pipeline).build();
        loopbackOnly.setNetworkInterfaces("lo");
        String second = loopbackOnly.generateOffer();
        assertTrue(second.contains("c=IN IP4 127.0.0.1\r\n"), second);
        assertTrue(!second.contains(otherAddress.getHostAddress()), "nothing on " + other.getName() + ":\n" + second);
        assertEquals(2, awaitSockets(2).size(), "one socket for each endpoint");
        pipeline.release();
        assertEquals(List.of(), awaitSockets(0), "all closed on release");
    }

    /** The node's sockets in its range once there are {@code count} (polled: NIO closes a registered channel later). */
    private List<InetSocketAddress> awaitSockets(int count) throws Exception {
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        List<InetSocketAddress> now = OwnUdpSockets.inRange(ports.min(), ports.max());
        while (now.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = OwnUdpSockets.inRange(ports.min(), ports.max());
        }
        return now;
    }

    private static KurentoServerException refused(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(KurentoServerException.class, call);
    }

    /** An up, non-loopback interface of this host with an IPv4 address that is not link-local, or null. */
    static java.net.NetworkInterface nonLoopbackInterface() throws IOException {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback() && nic.inetAddresses()
                    .anyMatch(a -> a instanceof java.net.Inet4Address && !a.isLinkLocalAddress())) {
                return nic;
            }
        }
        return null;
    }

    static boolean flowing(JsonNode s) {
        return s.path("videoFrames").asInt() > 20 && s.path("audioPackets").asInt() > 50;
    }

    /** The SDP without its candidate lines on {@code address}. */
    static String withoutCandidatesOn(String sdp, String address) {
        return sdp.replaceAll("a=candidate:[^\r\n]* " + Pattern.quote(address) + " [^\r\n]*\r\n", "");
    }

    static List<String> lines(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in\n" + text);
        return m.group(1);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain RTP peer: notes where each packet came from and sends the Opus ones back there. */
    static final class EchoPeer implements AutoCloseable {
        private final DatagramChannel channel;
        private final Set<SocketAddress> sources = ConcurrentHashMap.newKeySet();
        private final AtomicInteger echoed = new AtomicInteger();
        private final Thread reader;

        EchoPeer(InetSocketAddress bind) throws IOException {
            channel = DatagramChannel.open().bind(bind);
            reader = new Thread(this::run, "ims-echo-peer");
            reader.setDaemon(true);
            reader.start();
        }

        int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        Set<SocketAddress> sources() { return Set.copyOf(sources); }
        int echoed() { return echoed.get(); }

        private void run() {
            ByteBuffer buffer = ByteBuffer.allocate(1500);
            try {
                while (true) {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    sources.add(from);
                    buffer.flip();
                    // RTCP (payload types 200-204 with the marker bit) is muxed here too: only RTP goes back
                    if (buffer.remaining() > 12 && (buffer.get(1) & 0x7f) == OPUS) {
                        buffer.putInt(8, PEER_SSRC); // our own stream, not the endpoint's SSRC looped (RFC 3550 §8.2)
                        channel.send(buffer, from);
                        echoed.incrementAndGet();
                    }
                }
            } catch (AsynchronousCloseException closed) {
                // the test is over
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            channel.close();
            reader.join(5000);
        }
    }
}
