package org.webims.media.kurento.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.endpoint.rtp.RtpEndpointSettings.RtpProfile;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.CodecPreference;

/** RtpEndpoint's webimsSettings constructor parameter: what a client writes, the node reads back. */
class RtpSettingsJsonTest {

    @Test
    void readsBackWhatWasWrittenOverTheNodesDefaults() throws Exception {
        RtpEndpointSettings mtsiLike = RtpEndpointSettings.defaults()
                .withAudioCodecs(List.of(CodecCapability.of("AMR-WB", 16000).withParameter("mode-change-capability", "2"),
                        CodecCapability.of("telephone-event", 16000).withParameter("0-15", "")))
                .withVideoCodecs(List.of(CodecCapability.of("H264", 90000).withParameter("packetization-mode", "1")
                        .withFeedback("nack", "ccm fir").withPayloadType(99)))
                .withProfile(RtpProfile.AVP).withRtcpMux(false).withOfferedMedia(true, false)
                .withCodecChoice(CodecPreference.ANSWERER, true)
                .withBandwidths(org.webims.media.sdp.bandwidth.SdpBandwidths.mtsi(2000).withRtcp(0, 2000));
        String wire = RtpSettingsJson.write(mtsiLike).toString();
        assertEquals(mtsiLike, RtpSettingsJson.read(Json.MAPPER.readTree(wire), RtpEndpointSettings.defaults()));
    }

    @Test
    void leavesOutFieldsAtTheNodesDefaults() throws Exception {
        ObjectNode json = Json.MAPPER.createObjectNode().put("rtcpMux", false);
        assertEquals(RtpEndpointSettings.defaults().withRtcpMux(false),
                RtpSettingsJson.read(json, RtpEndpointSettings.defaults()));
    }

    @Test
    void refusesMalformedValuesNamingTheField() {
        RpcException notArray = assertThrows(RpcException.class, () -> RtpSettingsJson.read(
                Json.MAPPER.createObjectNode().put("audioCodecs", "AMR-WB"), RtpEndpointSettings.defaults()));
        assertEquals(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, notArray.error());
        assertTrue(notArray.getMessage().contains("webimsSettings.audioCodecs must be an array"), notArray.getMessage());

        RpcException profile = assertThrows(RpcException.class, () -> RtpSettingsJson.read(
                Json.MAPPER.createObjectNode().put("profile", "RTP/AVP"), RtpEndpointSettings.defaults()));
        assertTrue(profile.getMessage().contains("webimsSettings.profile must be one of [AVP, AVPF, SAVP, SAVPF]"),
                profile.getMessage());

        RpcException secure = assertThrows(RpcException.class, () -> RtpSettingsJson.read(
                Json.MAPPER.createObjectNode().put("profile", "SAVP"), RtpEndpointSettings.defaults()));
        assertTrue(secure.getMessage().contains("crypto"), secure.getMessage());

        RpcException rate = assertThrows(RpcException.class, () -> RtpSettingsJson.read(Json.MAPPER.createObjectNode()
                .set("videoCodecs", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("name", "VP8"))),
                RtpEndpointSettings.defaults()));
        assertTrue(rate.getMessage().contains("integer clockRate"), rate.getMessage());

        RpcException flag = assertThrows(RpcException.class, () -> RtpSettingsJson.read(
                Json.MAPPER.createObjectNode().put("rtcpMux", "no"), RtpEndpointSettings.defaults()));
        assertTrue(flag.getMessage().contains("webimsSettings.rtcpMux must be true or false"), flag.getMessage());
    }

    @Test
    void refusesABandwidthThatIsNotAnIntegerOrIsNegative() {
        ObjectNode text = Json.MAPPER.createObjectNode();
        text.putObject("bandwidths").put("maxVideoRecvKbps", "lots");
        RpcException notInteger = assertThrows(RpcException.class, () -> RtpSettingsJson.read(text,
                RtpEndpointSettings.defaults()));
        assertTrue(notInteger.getMessage().contains("webimsSettings.bandwidths.maxVideoRecvKbps must be an integer"),
                notInteger.getMessage());
        ObjectNode negative = Json.MAPPER.createObjectNode();
        negative.putObject("bandwidths").put("maxAudioRecvKbps", -3);
        RpcException refused = assertThrows(RpcException.class, () -> RtpSettingsJson.read(negative,
                RtpEndpointSettings.defaults()));
        assertEquals(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, refused.error());
    }
}
