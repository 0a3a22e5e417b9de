package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.ConnectionState;
import org.kurento.client.ConnectionStateChangedEvent;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaState;
import org.kurento.client.MediaStateChangedEvent;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.filetest.TestMediaFiles;

/**
 * Kurento's BaseRtpEndpoint on an RtpEndpoint through the stock kurento-client: the media and
 * connection states with their events, and the mtu bounding the video packets a real encoder's
 * packetizer makes for a real UDP peer.
 */
class KurentoBaseRtpEndpointTest {

    /** The engine's flow timeout plus generous room on a loaded machine; no wall time is asserted. */
    static final long EVENT_WAIT_SECONDS = 30;

    @TempDir
    static Path dir;
    static Path clip;

    KurentoNodeFixture fixture;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = TestMediaFiles.webm(dir.resolve("clip.webm"), 10);
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new KurentoNodeFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /**
     * The viewer's peer is a sender RtpEndpoint fed by a player, over UDP: negotiation brings the
     * connection up, the player's media arriving makes the media state CONNECTED, and stopping it
     * makes it DISCONNECTED, each transition raised once with Kurento's oldState and newState.
     */
    @Test
    void mediaStateIsConnectedWhileThePeersRtpArrivesAndEachTransitionIsRaisedOnce() throws Exception {
        MediaPipeline presenter = fixture.client.createMediaPipeline();
        MediaPipeline viewers = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(presenter, clip.toUri().toString()).build();
        RtpEndpoint sender = new RtpEndpoint.Builder(presenter).build();
        RtpEndpoint viewer = new RtpEndpoint.Builder(viewers).build();
        BlockingQueue<MediaStateChangedEvent> media = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionStateChangedEvent> connection = new LinkedBlockingQueue<>();
        viewer.addMediaStateChangedListener(media::add);
        viewer.addConnectionStateChangedListener(connection::add);
        assertEquals(MediaState.DISCONNECTED, viewer.getMediaState());
        assertEquals(ConnectionState.DISCONNECTED, viewer.getConnectionState());

        viewer.processAnswer(sender.processOffer(viewer.generateOffer()));
        ConnectionStateChangedEvent up = connection.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(up, "ConnectionStateChanged once the peer is negotiated");
        assertEquals(ConnectionState.DISCONNECTED, up.getOldState());
        assertEquals(ConnectionState.CONNECTED, up.getNewState());
        assertEquals(viewer.getId(), up.getSource().getId());
        assertNotNull(up.getTimestampMillis());
        assertEquals(ConnectionState.CONNECTED, viewer.getConnectionState());
        assertEquals(MediaState.DISCONNECTED, viewer.getMediaState(), "nothing sent yet");

        player.connect(sender);
        player.play();
        MediaStateChangedEvent arriving = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(arriving, "MediaStateChanged when the peer's media arrives");
        assertEquals(MediaState.DISCONNECTED, arriving.getOldState());
        assertEquals(MediaState.CONNECTED, arriving.getNewState());
        assertEquals(viewer.getId(), arriving.getSource().getId());
        assertEquals(MediaState.CONNECTED, viewer.getMediaState());

        player.stop();
        MediaStateChangedEvent stopped = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(stopped, "MediaStateChanged when the peer stops sending");
        assertEquals(MediaState.CONNECTED, stopped.getOldState());
        assertEquals(MediaState.DISCONNECTED, stopped.getNewState());
        assertEquals(MediaState.DISCONNECTED, viewer.getMediaState());
        assertEquals(ConnectionState.CONNECTED, viewer.getConnectionState(), "the peer is still negotiated");

        // several flow checks later: each transition came once
        Thread.sleep(1500);
        assertNull(media.poll(), "no repeated MediaStateChanged");
        assertNull(connection.poll(), "no repeated ConnectionStateChanged");
    }

    /**
     * A player's VP8 into an endpoint whose peer takes H.264 only: the link encodes with openh264
     * (or FFmpeg) and packetizes (RFC 6184 FU-A) within the endpoint's mtu, so every RTP packet the
     * peer receives is at most 600 bytes, and key frames, far larger, are split near that bound.
     */
    @Test
    void anMtuOf600BoundsEveryVideoPacketThePeerReceives() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        RtpEndpoint sender = new RtpEndpoint.Builder(pipeline).build();
        assertEquals(1200, sender.getMtu(), "Kurento's default");
        sender.setMtu(600);
        assertEquals(600, sender.getMtu());
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) peer.getLocalAddress()).getPort();
            sender.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=video " + port + " RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                    + "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f\r\na=recvonly\r\n");
            player.connect(sender);
            player.play();

            ByteBuffer datagram = ByteBuffer.allocate(2048);
            peer.configureBlocking(false);
            int packets = 0;
            int largest = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (packets < 100 && System.nanoTime() < deadline) {
                datagram.clear();
                if (peer.receive(datagram) == null) {
                    Thread.sleep(5);
                    continue;
                }
                int size = datagram.position();
                if (size < 12 || (datagram.get(0) & 0xc0) != 0x80 || (datagram.get(1) & 0x7f) != 96) {
                    continue; // not our H.264 RTP
                }
                packets++;
                largest = Math.max(largest, size);
                assertTrue(size <= 600, "packet " + packets + " is " + size + " bytes, above the mtu of 600");
            }
            assertTrue(packets >= 100, "the peer got H.264 video: " + packets + " packets");
            assertTrue(largest > 450, "key frames were split near the bound, the largest packet " + largest + " bytes");
            assertTrue(player.isMediaTranscoding(org.kurento.client.MediaType.VIDEO), "VP8 was encoded to H.264");
        }
    }

    @Test
    void anMtuOutsideTheRangeIsRefusedAndTheOldOneKept() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
        endpoint.setMtu(1000);
        KurentoServerException small = assertThrows(KurentoServerException.class, () -> endpoint.setMtu(100));
        assertEquals(40107, small.getCode(), small.getMessage());
        assertTrue(small.getMessage().contains("300..1472"), small.getMessage());
        KurentoServerException large = assertThrows(KurentoServerException.class, () -> endpoint.setMtu(9000));
        assertEquals(40107, large.getCode(), large.getMessage());
        assertEquals(1000, endpoint.getMtu());
    }
}
