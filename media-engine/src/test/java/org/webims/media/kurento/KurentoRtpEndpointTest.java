package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.ConnectionState;
import org.kurento.client.ConnectionStateChangedEvent;
import org.kurento.client.CryptoSuite;
import org.kurento.client.MediaFlowOutStateChangedEvent;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaState;
import org.kurento.client.MediaStateChangedEvent;
import org.kurento.client.MediaTranscodingState;
import org.kurento.client.MediaTranscodingStateChangedEvent;
import org.kurento.client.MediaType;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.SDES;
import org.kurento.client.StatsType;
import org.kurento.client.internal.server.KurentoServerException;
import org.kurento.jsonrpc.Props;
import org.webims.media.filetest.TestMediaFiles;

/**
 * RtpEndpoint through the stock kurento-client: one sender to several viewers, SDP errors, socket
 * release, and Kurento's BaseRtpEndpoint: the media and connection states with their events, and
 * the mtu bounding the video packets a real encoder's packetizer makes for a real UDP peer.
 */
class KurentoRtpEndpointTest {

    static final Pattern MEDIA_PORT = Pattern.compile("(?m)^m=(audio|video) (\\d+) ");
    /** The engine's flow timeout plus generous room on a loaded machine; no wall time is asserted. */
    static final long EVENT_WAIT_SECONDS = 30;

    @TempDir
    static Path dir;
    static Path clip;

    KurentoNodeFixture fixture;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = TestMediaFiles.webm(dir.resolve("clip.webm"), 4);
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new KurentoNodeFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Kurento's one-to-many tutorial with RTP: one player feeds three RtpEndpoints, each with a viewer of its own. */
    @Test
    void onePlayerReachesThreeViewersOverRtp() throws Exception {
        MediaPipeline presenter = fixture.client.createMediaPipeline();
        MediaPipeline viewers = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(presenter, clip.toUri().toString()).build();
        List<RtpEndpoint> receivers = new ArrayList<>();
        BlockingQueue<MediaFlowOutStateChangedEvent> flows = new LinkedBlockingQueue<>();
        for (int i = 0; i < 3; i++) {
            RtpEndpoint sender = new RtpEndpoint.Builder(presenter).build();
            RtpEndpoint viewer = new RtpEndpoint.Builder(viewers).build();
            viewer.addMediaFlowOutStateChangedListener(flows::add);
            String answer = sender.processOffer(viewer.generateOffer());
            viewer.processAnswer(answer);
            assertEquals(answer, viewer.getRemoteSessionDescriptor());
            assertEquals(answer, sender.getLocalSessionDescriptor());
            player.connect(sender);
            receivers.add(viewer);
        }
        player.play();

        List<String> videoFlowing = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (videoFlowing.size() < receivers.size() && System.nanoTime() < deadline) {
            MediaFlowOutStateChangedEvent e = flows.poll(1, TimeUnit.SECONDS);
            if (e != null && e.getState() == MediaFlowState.FLOWING && e.getMediaType() == MediaType.VIDEO
                    && !videoFlowing.contains(e.getSource().getId())) {
                videoFlowing.add(e.getSource().getId());
            }
        }
        assertEquals(receivers.size(), videoFlowing.size(), "every viewer received the player's video");
        for (RtpEndpoint viewer : receivers) {
            assertTrue(videoFlowing.contains(viewer.getId()));
            assertTrue(viewer.isMediaFlowingOut(MediaType.AUDIO) || awaitFlowingOut(viewer, MediaType.AUDIO),
                    "audio reached " + viewer.getId());
        }
    }

    /**
     * kurento-client reads an RtpEndpoint's RTCOutboundRTPStreamStats: what it sent, and the
     * round trip from its peer's receiver reports echoing its sender reports (RFC 3550 §6.4.1).
     */
    @Test
    void anRtpEndpointsOutboundStatsShowWhatItSentAndTheRoundTripItsPeerReports() throws Exception {
        RtpEndpoint[] call = playedToAViewer();
        RTCOutboundRTPStreamStats out = awaitVideoStats(call[0], RTCOutboundRTPStreamStats.class,
                s -> s.getRoundTripTime() > 0);
        assertNotNull(out, "our video stream in getStats");
        assertEquals(StatsType.outboundrtp, out.getType());
        assertTrue(out.getPacketsSent() > 0 && out.getBytesSent() > 0, out.getPacketsSent() + " packets sent");
        assertTrue(out.getRoundTripTime() > 0 && out.getRoundTripTime() < 1, "round trip " + out.getRoundTripTime());
        assertEquals(0, out.getPacketsLost(), "nothing lost on loopback");
    }

    /**
     * The viewer's RTCInboundRTPStreamStats (kurento-client's own class) for the video the sender
     * sends it: the sender's SSRC, what arrived, nothing lost on loopback, the codec it arrives in.
     */
    @Test
    void anRtpEndpointsInboundStatsShowTheStreamItsPeerSendsIt() throws Exception {
        RtpEndpoint[] call = playedToAViewer();
        RtpEndpoint sender = call[0];
        RTCInboundRTPStreamStats in = awaitVideoStats(call[1], RTCInboundRTPStreamStats.class,
                s -> s.getPacketsReceived() >= 20);
        assertNotNull(in, "the sender's video in the viewer's getStats");
        assertEquals(StatsType.inboundrtp, in.getType());
        assertTrue(in.getPacketsReceived() >= 20 && in.getBytesReceived() > 0, in.getPacketsReceived() + " received");
        assertEquals(0, in.getPacketsLost(), "nothing lost on loopback");
        assertEquals(0.0, in.getFractionLost());
        assertTrue(in.getCodecId().endsWith("/90000"), in.getCodecId());
        String ssrc = in.getSsrc();
        RTCOutboundRTPStreamStats out = awaitVideoStats(sender, RTCOutboundRTPStreamStats.class, s -> true);
        assertEquals(out.getSsrc(), ssrc, "the stream the sender sends");
    }

    /** A player feeding a sender RtpEndpoint whose peer is a viewer RtpEndpoint: {sender, viewer}. */
    private RtpEndpoint[] playedToAViewer() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        RtpEndpoint sender = new RtpEndpoint.Builder(pipeline).build();
        RtpEndpoint viewer = new RtpEndpoint.Builder(pipeline).build();
        viewer.processAnswer(sender.processOffer(viewer.generateOffer()));
        player.connect(sender);
        player.play();
        return new RtpEndpoint[] {sender, viewer};
    }

    /** The endpoint's video stats entry of this kind once it shows {@code enough} (polled, bounded), or the last seen. */
    private static <T> T awaitVideoStats(RtpEndpoint endpoint, Class<T> kind, java.util.function.Predicate<T> enough)
            throws InterruptedException {
        T found = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((found == null || !enough.test(found)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = endpoint.getStats(MediaType.VIDEO).values().stream().filter(kind::isInstance).map(kind::cast)
                    .findFirst().orElse(null);
        }
        return found;
    }

    private static boolean awaitFlowingOut(RtpEndpoint endpoint, MediaType type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (endpoint.isMediaFlowingOut(type)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** A player and a sender RtpEndpoint in one pipeline, a viewer RtpEndpoint in another, not yet negotiated. */
    record PresenterAndViewer(PlayerEndpoint player, RtpEndpoint sender, RtpEndpoint viewer) {
    }

    private PresenterAndViewer presenterAndViewer() {
        MediaPipeline presenter = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(presenter, clip.toUri().toString()).build();
        return new PresenterAndViewer(player, new RtpEndpoint.Builder(presenter).build(),
                new RtpEndpoint.Builder(fixture.client.createMediaPipeline()).build());
    }

    @Test
    void mediaTimeoutReachesTheClientWhenThePeerStopsSending() throws Exception {
        PresenterAndViewer call = presenterAndViewer();
        PlayerEndpoint player = call.player();
        RtpEndpoint sender = call.sender();
        RtpEndpoint viewer = call.viewer();
        sender.processOffer(viewer.generateOffer());
        viewer.processAnswer(sender.getLocalSessionDescriptor());
        player.connect(sender);
        // our own operation and event, reached as kurento-client reaches any module's
        viewer.invoke("setMediaTimeout", new Props("timeoutMillis", 500), Void.class);
        BlockingQueue<MediaTimeoutClientEvent> timeouts = new LinkedBlockingQueue<>();
        viewer.addEventListener("MediaTimeout", timeouts::add, MediaTimeoutClientEvent.class);
        awaitTimeout(player, viewer, timeouts);
    }

    @Test
    void sendDtmfOnOneEndpointIsHeardAsDtmfReceivedOnItsPeer() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint caller = new RtpEndpoint.Builder(pipeline).build();
        RtpEndpoint callee = new RtpEndpoint.Builder(pipeline).build();
        caller.processOffer(callee.generateOffer()); // both offer telephone-event with Opus
        callee.processAnswer(caller.getLocalSessionDescriptor());
        BlockingQueue<DtmfReceivedClientEvent> heard = new LinkedBlockingQueue<>();
        callee.addEventListener("DtmfReceived", heard::add, DtmfReceivedClientEvent.class);
        assertEquals(Boolean.TRUE, caller.invoke("sendDtmf", new Props("digit", "#").add("durationMillis", 120), Boolean.class));
        DtmfReceivedClientEvent dtmf = heard.poll(30, TimeUnit.SECONDS);
        assertNotNull(dtmf, "the callee heard the digit");
        assertEquals("#", dtmf.getDigit());
        assertEquals(120, dtmf.getDurationMillis());
        KurentoServerException bad = assertThrows(KurentoServerException.class,
                () -> caller.invoke("sendDtmf", new Props("digit", "x"), Boolean.class));
        assertTrue(bad.getMessage().contains("not a DTMF digit"), bad.getMessage());
    }

    private static void awaitTimeout(PlayerEndpoint player, RtpEndpoint viewer,
                                     BlockingQueue<MediaTimeoutClientEvent> timeouts) throws Exception {
        player.play();
        assertTrue(awaitFlowingOut(viewer, MediaType.VIDEO), "media arrived first");
        player.stop();
        MediaTimeoutClientEvent timeout = timeouts.poll(30, TimeUnit.SECONDS);
        assertNotNull(timeout, "MediaTimeout after the player stopped");
        assertEquals(500, timeout.getTimeoutMillis());
        assertEquals(viewer.getId(), timeout.getSource().getId());
        assertTrue(List.of("AUDIO", "VIDEO").contains(timeout.getMediaType()), timeout.getMediaType());
    }

    @Test
    void offerOptionsDropVideoFromAReOfferWithPortZeroAndAddItBack() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint a = new RtpEndpoint.Builder(pipeline).build();
        RtpEndpoint b = new RtpEndpoint.Builder(pipeline).build();
        a.processAnswer(b.processOffer(a.generateOffer()));
        org.kurento.client.OfferOptions audioOnly = new org.kurento.client.OfferOptions();
        audioOnly.setOfferToReceiveAudio(true);
        audioOnly.setOfferToReceiveVideo(false);
        String dropped = a.generateOffer(audioOnly);
        assertTrue(dropped.matches("(?s).*m=audio [1-9]\\d* .*m=video 0 .*"), "video rejected with port 0 (RFC 3264 §8.2):\n" + dropped);
        a.processAnswer(b.processOffer(dropped));
        org.kurento.client.OfferOptions both = new org.kurento.client.OfferOptions();
        both.setOfferToReceiveAudio(true);
        both.setOfferToReceiveVideo(true);
        String back = a.generateOffer(both);
        assertTrue(back.matches("(?s).*m=audio [1-9]\\d* .*m=video [1-9]\\d* .*"), "video offered again:\n" + back);
        pipeline.release();
    }

    @Test
    void releasingThePipelineFromTheClientFreesTheEndpointsPorts() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint a = new RtpEndpoint.Builder(pipeline).build();
        RtpEndpoint b = new RtpEndpoint.Builder(pipeline).build();
        b.processOffer(a.generateOffer());
        List<Integer> ports = new ArrayList<>();
        for (RtpEndpoint e : List.of(a, b)) {
            Matcher m = MEDIA_PORT.matcher(e.getLocalSessionDescriptor());
            while (m.find()) {
                int rtp = Integer.parseInt(m.group(2));
                ports.add(rtp);
                ports.add(rtp + 1);
            }
        }
        assertEquals(8, ports.size(), "two endpoints, audio and video, RTP and RTCP: " + ports);
        for (int port : ports) {
            assertThrows(IOException.class, () -> bind(port).close(), "port " + port + " is the endpoint's");
        }

        pipeline.release();

        // NIO closes a channel registered with a selector at the I/O thread's next select
        for (int port : ports) {
            awaitBindable(port).close();
        }
        assertEquals(0, fixture.node.kurento().objectCount());
    }

    /** A peer that takes only AMR-WB: the player's Opus is transcoded on the way, and the client hears of it. */
    @Test
    void playerIntoAnAmrWbOnlyPeerIsTranscodedAndRaisesMediaTranscodingStateChanged() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        PlayerEndpoint player = new PlayerEndpoint.Builder(pipeline, clip.toUri().toString()).build();
        RtpEndpoint sender = new RtpEndpoint.Builder(pipeline).build();
        BlockingQueue<MediaTranscodingStateChangedEvent> transcoding = new LinkedBlockingQueue<>();
        player.addMediaTranscodingStateChangedListener(transcoding::add);
        try (DatagramChannel peer = bind(0)) {
            int port = ((InetSocketAddress) peer.getLocalAddress()).getPort();
            sender.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + port + " RTP/AVP 97\r\na=rtpmap:97 AMR-WB/16000\r\na=fmtp:97 octet-align=1\r\n");
            player.connect(sender);
            player.play();
            MediaTranscodingStateChangedEvent event = transcoding.poll(60, TimeUnit.SECONDS);
            assertNotNull(event, "MediaTranscodingStateChanged reached the client");
            assertEquals(MediaTranscodingState.TRANSCODING, event.getState());
            assertEquals(MediaType.AUDIO, event.getMediaType());
            assertEquals(player.getId(), event.getSource().getId());
            assertEquals(sender.getId(), event.getBinName(), "our transcoding 'bin' is the link towards the sink");
            assertTrue(player.isMediaTranscoding(MediaType.AUDIO));

            ByteBuffer rtp = ByteBuffer.allocate(2048);
            peer.configureBlocking(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (peer.receive(rtp) == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(rtp.position() > 12, "the peer got RTP");
            assertEquals(97, rtp.get(1) & 0x7f, "the peer gets AMR-WB, its only payload type");
        }
    }

    @Test
    void sdpFaultsGetKurentosSdpErrors() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
        KurentoServerException noOffer = assertThrows(KurentoServerException.class,
                () -> endpoint.processAnswer("v=0\r\n"));
        assertEquals(40209, noOffer.getCode(), noOffer.getMessage());
        KurentoServerException garbage = assertThrows(KurentoServerException.class,
                () -> endpoint.processOffer("this is not SDP"));
        assertEquals(40201, garbage.getCode(), garbage.getMessage());
        assertTrue(garbage.getMessage().contains("line"), garbage.getMessage());
        String nothingAcceptable = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 97\r\na=rtpmap:97 SPEEX/8000\r\n";
        KurentoServerException refused = assertThrows(KurentoServerException.class,
                () -> endpoint.processOffer(nothingAcceptable));
        assertEquals(40205, refused.getCode(), refused.getMessage());
        assertNotNull(endpoint.generateOffer(), "the endpoint carries on after refusing");
    }

    @Test
    void cryptoFromTheBuilderMakesAnSdesOffer() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        SDES sdes = new SDES();
        sdes.setCrypto(CryptoSuite.AES_128_CM_HMAC_SHA1_80);
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).withCrypto(sdes).build();
        String offer = endpoint.generateOffer();
        assertTrue(offer.contains("RTP/SAVPF"), offer);
        assertTrue(offer.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"), offer);

        SDES aes256 = new SDES();
        aes256.setCrypto(CryptoSuite.AES_256_CM_HMAC_SHA1_80);
        KurentoServerException e = assertThrows(KurentoServerException.class,
                () -> new RtpEndpoint.Builder(pipeline).withCrypto(aes256).build());
        assertEquals(40107, e.getCode());
    }

    /**
     * Kurento's media state follows the peer's RTCP (kms-core over GStreamer's rtpbin; decision 0083).
     * The viewer's peer is a sender RtpEndpoint over UDP: negotiation brings the connection up, and the
     * sender's first receiver report, before any media, makes the media state CONNECTED; the player's
     * media then only raises the RTP flow event; the sender's release sends BYE (RFC 3550 §6.6), which
     * makes it DISCONNECTED before the 5 s a silent peer is given. Each transition is raised once.
     */
    @Test
    void mediaStateIsConnectedByThePeersReportsAndEndedByItsBye() throws Exception {
        PresenterAndViewer call = presenterAndViewer();
        PlayerEndpoint player = call.player();
        RtpEndpoint sender = call.sender();
        RtpEndpoint viewer = call.viewer();
        BlockingQueue<MediaStateChangedEvent> media = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionStateChangedEvent> connection = new LinkedBlockingQueue<>();
        BlockingQueue<MediaFlowOutStateChangedEvent> flows = new LinkedBlockingQueue<>();
        viewer.addMediaStateChangedListener(media::add);
        viewer.addConnectionStateChangedListener(connection::add);
        viewer.addMediaFlowOutStateChangedListener(flows::add);
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

        MediaStateChangedEvent reported = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(reported, "MediaStateChanged once the peer's first report arrives");
        assertEquals(MediaState.DISCONNECTED, reported.getOldState());
        assertEquals(MediaState.CONNECTED, reported.getNewState());
        assertEquals(viewer.getId(), reported.getSource().getId());
        assertEquals(MediaState.CONNECTED, viewer.getMediaState());
        assertNull(flows.poll(), "no RTP yet: the reports alone made it CONNECTED");

        player.connect(sender);
        player.play();
        MediaFlowOutStateChangedEvent flowing = flows.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(flowing, "the RTP flow event, as before");
        assertEquals(MediaFlowState.FLOWING, flowing.getState());
        assertNull(media.poll(1500, TimeUnit.MILLISECONDS), "the media state does not follow the RTP");

        long released = System.nanoTime();
        sender.release();
        MediaStateChangedEvent left = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        long after = System.nanoTime() - released;
        assertNotNull(left, "MediaStateChanged when the peer leaves");
        assertEquals(MediaState.CONNECTED, left.getOldState());
        assertEquals(MediaState.DISCONNECTED, left.getNewState());
        assertTrue(after < TimeUnit.SECONDS.toNanos(5), "the BYE ended it, not the 5 s timeout: " + after / 1_000_000 + " ms");
        assertEquals(MediaState.DISCONNECTED, viewer.getMediaState());
        assertEquals(ConnectionState.CONNECTED, viewer.getConnectionState(), "the peer is still negotiated");

        // several flow checks later: each transition came once
        Thread.sleep(1500);
        assertNull(media.poll(), "no repeated MediaStateChanged");
        assertNull(connection.poll(), "no repeated ConnectionStateChanged");
    }

    /**
     * A plain RTP peer, a UDP socket: its RTP alone raises the RTP flow event but leaves the media state
     * DISCONNECTED, as in kms (no RTCP, no {@code on-ssrc-active}); its first receiver report makes it
     * CONNECTED; once it falls silent, RTP and RTCP, the flow event goes NOT_FLOWING after the engine's
     * 2 s while the media state holds for kms's 5 s at least (five report intervals of 0.5 s are less),
     * then goes DISCONNECTED.
     */
    @Test
    void anRtpPeerWithoutRtcpStaysDisconnectedAndASilentOneTimesOutAfterFiveSeconds() throws Exception {
        RtpEndpoint viewer = new RtpEndpoint.Builder(fixture.client.createMediaPipeline()).build();
        BlockingQueue<MediaStateChangedEvent> media = new LinkedBlockingQueue<>();
        BlockingQueue<MediaFlowOutStateChangedEvent> flows = new LinkedBlockingQueue<>();
        viewer.addMediaStateChangedListener(media::add);
        viewer.addMediaFlowOutStateChangedListener(flows::add);
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int peerPort = ((InetSocketAddress) peer.getLocalAddress()).getPort();
            String answer = viewer.processOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + peerPort + " RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-mux\r\na=sendrecv\r\n");
            Matcher m = MEDIA_PORT.matcher(answer);
            assertTrue(m.find(), answer);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(2)));
            PlainPeer rtp = new PlainPeer(peer, to);

            while (flows.isEmpty()) {
                rtp.sendAudio(); // 20 ms of Opus, RTP only
                Thread.sleep(20);
                assertTrue(rtp.sent < 1500, "no RTP flow event in 30 s");
            }
            assertEquals(MediaFlowState.FLOWING, flows.poll().getState());
            for (int i = 0; i < 75; i++) { // 1.5 s more, six flow checks
                rtp.sendAudio();
                Thread.sleep(20);
            }
            assertNull(media.poll(), "RTP without RTCP: no MediaStateChanged");
            assertEquals(MediaState.DISCONNECTED, viewer.getMediaState());

            for (int i = 0; i < 100; i++) { // 2 s of RTP with a receiver report every 0.5 s
                rtp.sendAudio();
                if (i % 25 == 0) {
                    rtp.sendReceiverReport();
                }
                Thread.sleep(20);
            }
            MediaStateChangedEvent up = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(up, "MediaStateChanged on the peer's reports");
            assertEquals(MediaState.CONNECTED, up.getNewState());
            assertEquals(MediaState.CONNECTED, viewer.getMediaState());

            // silence: the flow event follows the engine's flow timeout, the media state kms's 5 s floor
            long silentSince = System.nanoTime();
            MediaFlowOutStateChangedEvent stopped = flows.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(stopped, "the RTP flow event when the RTP stops");
            assertEquals(MediaFlowState.NOT_FLOWING, stopped.getState());
            // events come late on a loaded machine, never early: none before 4 s of silence
            long left = silentSince + TimeUnit.SECONDS.toNanos(4) - System.nanoTime();
            assertNull(media.poll(Math.max(0, left), TimeUnit.NANOSECONDS), "still CONNECTED 4 s into the silence");
            MediaStateChangedEvent down = media.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(down, "MediaStateChanged once the peer was silent 5 s");
            assertEquals(MediaState.CONNECTED, down.getOldState());
            assertEquals(MediaState.DISCONNECTED, down.getNewState());
            assertEquals(MediaState.DISCONNECTED, viewer.getMediaState());
        }
    }

    /** A plain RTP peer's sends: Opus RTP packets and RTCP receiver reports muxed on one socket (RFC 5761). */
    private static final class PlainPeer {
        static final int SSRC = 0x5eed0001;
        private final DatagramChannel channel;
        private final InetSocketAddress to;
        private final byte[] rtcp = new byte[64];
        int sent;

        PlainPeer(DatagramChannel channel, InetSocketAddress to) {
            this.channel = channel;
            this.to = to;
        }

        void sendAudio() throws IOException {
            ByteBuffer packet = ByteBuffer.allocate(15);
            packet.put((byte) 0x80).put((byte) 111).putShort((short) sent).putInt(sent * 960).putInt(SSRC);
            packet.put((byte) 0xf8).put((byte) 0xff).put((byte) 0xfe); // an Opus frame of silence (RFC 6716 §3.1 TOC 31)
            channel.send(packet.flip(), to);
            sent++;
        }

        void sendReceiverReport() throws IOException {
            int n = org.webims.media.rtp.RtcpWriter.writeReceiverReport(rtcp, 0, SSRC,
                    new org.webims.media.rtp.ReportBlock[0], 0);
            channel.send(ByteBuffer.wrap(rtcp, 0, n), to);
        }
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

    private static DatagramChannel awaitBindable(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return bind(port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " still bound after the release", e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
