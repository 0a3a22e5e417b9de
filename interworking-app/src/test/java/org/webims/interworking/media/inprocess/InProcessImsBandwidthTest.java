package org.webims.interworking.media.inprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.webims.interworking.media.CallMedia;
import org.webims.media.node.MediaNode;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transport.PortRange;

/**
 * The in-process IMS leg writes the b= lines the carrier profile sets (TS 26.114 §6.2.5): the
 * gateway hands the profile's to {@link InProcessMediaControl}, and a browser's offer becomes an
 * MTSI offer with them.
 */
class InProcessImsBandwidthTest {

    @Test
    void theMtsiOfferCarriesTheCarrierProfilesBandwidth() throws Exception {
        int start = org.webims.sip.stack.UnusedPorts.shared().range(40);
        String chrome = Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"),
                StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        SdpBandwidths profiled = SdpBandwidths.mtsi(768).withMaxAudioRecvKbps(38).withRtcp(0, 2000);
        try (CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
             MediaNode node = MediaNode.start(MediaNodeSettings.loopback(new PortRange(start, start + 39)), adapters);
             InProcessMediaControl control = new InProcessMediaControl(node, profiled)) {
            CallMedia call = control.createCall(org.webims.interworking.media.MediaLossListener.IGNORE);
            String imsOffer = call.webOffer(chrome);
            String audio = imsOffer.substring(imsOffer.indexOf("m=audio"), imsOffer.indexOf("m=video"));
            assertTrue(audio.contains("b=AS:38\r\nb=RS:0\r\nb=RR:2000\r\n"), imsOffer);
            assertTrue(imsOffer.substring(imsOffer.indexOf("m=video")).contains("b=AS:768\r\n"), imsOffer);
            call.release();
        }
    }
}
