package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.MediaPipeline;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.kurento.rpc.KurentoError;

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
}
