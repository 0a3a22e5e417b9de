package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.MediaPipeline;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpWriter;

/**
 * Kurento's SdpEndpoint/BaseRtpEndpoint bandwidth properties through the stock kurento-client:
 * set, read back, in effect from the next offer (b=AS on video), and a bad value refused with
 * Kurento's illegal-parameter code.
 */
class KurentoBandwidthPropertiesTest {

    KurentoNodeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new KurentoNodeFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theClientSetsAndReadsTheBandwidthPropertiesAndTheNextOfferCarriesThem() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
        assertEquals(0, endpoint.getMaxVideoRecvBandwidth(), "none by default");
        String before = endpoint.generateOffer();
        assertFalse(before.contains("b=AS"), before);

        endpoint.setMaxVideoRecvBandwidth(300);
        endpoint.setMaxAudioRecvBandwidth(40);
        endpoint.setMinVideoRecvBandwidth(30);
        endpoint.setMinVideoSendBandwidth(100);
        endpoint.setMaxVideoSendBandwidth(600);
        assertEquals(300, endpoint.getMaxVideoRecvBandwidth());
        assertEquals(40, endpoint.getMaxAudioRecvBandwidth());
        assertEquals(30, endpoint.getMinVideoRecvBandwidth());
        assertEquals(100, endpoint.getMinVideoSendBandwidth());
        assertEquals(600, endpoint.getMaxVideoSendBandwidth());

        String offer = endpoint.generateOffer();
        String video = offer.substring(offer.indexOf("m=video"));
        String audio = offer.substring(offer.indexOf("m=audio"), offer.indexOf("m=video"));
        assertTrue(video.contains("b=AS:300\r\n"), offer);
        assertTrue(video.contains("b=TIAS:"), offer);
        assertTrue(audio.contains("b=AS:40\r\n"), offer);
    }

    @Test
    void aNegativeBandwidthIsAnIllegalParameter() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
        KurentoServerException e = assertThrows(KurentoServerException.class,
                () -> endpoint.setMaxVideoRecvBandwidth(-5));
        assertEquals(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR.code(), e.getCode(), e.getMessage());
        assertTrue(e.getMessage().contains("maxVideoRecvBandwidth"), e.getMessage());
        assertEquals(0, endpoint.getMaxVideoRecvBandwidth(), "unchanged");
    }

    /** A bad b= value or a=maxprate (RFC 3890 §6.4) in an offer is Kurento's SDP parse error, naming the line. */
    @Test
    void anOfferWithABadBandwidthOrMaxprateIsAnSdpParseError() {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
        String head = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n";
        String video = "m=video 40000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";
        for (String[] bad : new String[][] {
                {head + "b=AS:-300\r\nt=0 0\r\n" + video, "bandwidth"},
                {head + "t=0 0\r\n" + video + "a=maxprate:0\r\n", "maxprate"}}) {
            KurentoServerException e = assertThrows(KurentoServerException.class, () -> endpoint.processOffer(bad[0]));
            assertEquals(40201, e.getCode(), e.getMessage());
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("line"), e.getMessage());
        }
        assertTrue(endpoint.processOffer(head + "b=AS:500\r\nt=0 0\r\n" + video + "a=maxprate:20\r\n")
                .contains("m=video"), "the same offer with good values is answered");
    }

    /**
     * minVideoSendBandwidth through the stock client: a relayed viewer's TMMBR of 100 kbit/s reaches the
     * source's peer as a REMB of the viewer's 300 kbit/s floor (kms: the send bitrate never goes below it).
     */
    @Test
    void minVideoSendBandwidthIsTheFloorOfWhatARelayedSourceIsAskedFor() throws Exception {
        MediaPipeline pipeline = fixture.client.createMediaPipeline();
        RtpEndpoint source = new RtpEndpoint.Builder(pipeline).build();
        RtpEndpoint viewer = new RtpEndpoint.Builder(pipeline).build();
        viewer.setMinVideoSendBandwidth(300);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket senderRtp = new DatagramSocket(0, loopback);
                DatagramSocket senderRtcp = new DatagramSocket(0, loopback);
                DatagramSocket viewerRtp = new DatagramSocket(0, loopback);
                DatagramSocket viewerRtcp = new DatagramSocket(0, loopback)) {
            source.processOffer(videoOffer(senderRtp, senderRtcp, "goog-remb"));
            String answer = viewer.processOffer(videoOffer(viewerRtp, viewerRtcp, "ccm tmmbr"));
            source.connect(viewer);
            // RFC 3550 §11: without a=rtcp in our answer, the viewer endpoint's RTCP is its RTP port + 1
            int viewerEndpointRtcp = Integer.parseInt(answer.replaceAll("(?s).*m=video (\\d+) .*", "$1")) + 1;
            byte[] tmmbr = new byte[64];
            int n = RtcpWriter.writeTmmbr(tmmbr, 0, 0x5EE, new int[] {0}, new long[] {100_000}, new int[] {0}, 1);
            viewerRtcp.send(new DatagramPacket(tmmbr, n, loopback, viewerEndpointRtcp));
            assertEquals(300_000, nextRemb(senderRtcp), "the floor, not the viewer's 100 000");
        }
    }

    private static String videoOffer(DatagramSocket rtp, DatagramSocket rtcp, String feedback) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=video " + rtp.getLocalPort() + " RTP/AVPF 96\r\na=rtcp:" + rtcp.getLocalPort() + "\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 " + feedback + "\r\n";
    }

    /** The bitrate of the first REMB (draft-alvestrand-rmcat-remb) that reaches {@code rtcp} within 10 s. */
    private static long nextRemb(DatagramSocket rtcp) throws Exception {
        byte[] b = new byte[1500];
        RtcpCompound compound = new RtcpCompound(true);
        RtcpRemb remb = new RtcpRemb();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        rtcp.setSoTimeout(200);
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            try {
                rtcp.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            }
            if (compound.wrap(b, 0, p.getLength())) {
                while (compound.next()) {
                    if (remb.wrap(b, compound.packetOffset(), compound.packetLength())) {
                        return remb.bitrate();
                    }
                }
            }
        }
        throw new AssertionError("no REMB reached the source's peer");
    }
}
