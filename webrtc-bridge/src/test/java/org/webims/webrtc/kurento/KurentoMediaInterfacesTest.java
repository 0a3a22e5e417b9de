package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * peer there that sends the browser's audio back.
 */
class KurentoMediaInterfacesTest {

    static final InetAddress WEB = address("127.0.0.1");
    static final InetAddress IMS = address("127.0.0.2");
    static final int OPUS = 111;
    static final int PEER_SSRC = 0x0b0e0002;

    PortRange ports;
    MediaNodeServer node;
    KurentoClient client;

    @BeforeEach
    void start() throws Exception {
        ports = KurentoWebRtcEndpointTest.freeRange(40);
        MediaNodeSettings settings = MediaNodeSettings.loopback(ports)
                .withInterfaces(new MediaInterface(WEB, null), new MediaInterface(IMS, null));
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
    void theBrowserReachesTheWebAddressAndTheRtpPeerHearsItFromTheImsAddressOnly() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
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
