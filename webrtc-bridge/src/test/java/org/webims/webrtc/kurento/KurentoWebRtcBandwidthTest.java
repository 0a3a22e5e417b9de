package org.webims.webrtc.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.node.MediaNodeServer;
import org.webims.media.node.MediaNodeSettings;

/**
 * Kurento's bandwidth properties on a WebRtcEndpoint through the stock kurento-client: set, read
 * back, in our next offer as b=AS and b=TIAS on video; a negative value is an illegal parameter.
 */
class KurentoWebRtcBandwidthTest {

    MediaNodeServer node;
    KurentoClient client;

    @BeforeEach
    void start() throws Exception {
        node = KurentoWebRtcEndpointTest.startNode(MediaNodeSettings.loopback(KurentoWebRtcEndpointTest.freeRange(40)));
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
    void theClientSetsAndReadsMaxVideoRecvBandwidthAndTheOfferCarriesIt() {
        MediaPipeline pipeline = client.createMediaPipeline();
        WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
        assertEquals(0, endpoint.getMaxVideoRecvBandwidth());
        endpoint.setMaxVideoRecvBandwidth(300);
        endpoint.setMaxVideoSendBandwidth(800);
        assertEquals(300, endpoint.getMaxVideoRecvBandwidth());
        assertEquals(800, endpoint.getMaxVideoSendBandwidth());
        String offer = endpoint.generateOffer();
        String video = offer.substring(offer.indexOf("m=video"));
        assertTrue(video.contains("b=AS:300\r\n") && video.contains("b=TIAS:"), offer);
        assertTrue(!offer.substring(0, offer.indexOf("m=video")).contains("b=AS"), "no audio line: " + offer);
        KurentoServerException e = assertThrows(KurentoServerException.class, () -> endpoint.setMinVideoSendBandwidth(-1));
        assertEquals(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR.code(), e.getCode(), e.getMessage());
    }
}
