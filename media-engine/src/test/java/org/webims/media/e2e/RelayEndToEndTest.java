package org.webims.media.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.pipeline.PacketSourceElement;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.Paced;

/**
 * Two web peers that both speak Opus, through the gateway's two RtpEndpoints on loopback, with
 * the real transcoding factory in the engine: the link relays the payloads without decoding.
 */
class RelayEndToEndTest {

    static final int PACKETS = 50;

    CodecFormatAdapterFactory factory;
    MediaNode node;

    @BeforeEach
    void start() throws Exception {
        factory = new CodecFormatAdapterFactory();
        node = LoopbackMediaNode.start(factory, 1, 60);
    }

    @AfterEach
    void stop() {
        node.close();
        factory.close();
    }

    @Test
    void opusOnBothSidesIsRelayedWithIdenticalPayloadBytesAndNoTranscoder() throws Exception {
        RtpEndpointSettings opusOnly = RtpEndpointSettings.defaults().withOfferedMedia(true, false)
                .withAudioCodecs(List.of(MediaEndToEndTest.WEB.audioCodecs().get(0)));
        RtpEndpointContext context = RtpEndpointContext.of(node);
        MediaPipeline gateway = node.engine().createPipeline();
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        gateway.addEventListener(events::add);
        RtpEndpoint left = new RtpEndpoint(gateway, context, opusOnly);
        RtpEndpoint right = new RtpEndpoint(gateway, context, opusOnly);
        left.connect(right, MediaType.AUDIO);

        MediaPipeline callerSide = node.engine().createPipeline();
        RtpEndpoint caller = new RtpEndpoint(callerSide, context, opusOnly);
        PacketSourceElement audioIn = new PacketSourceElement(callerSide);
        audioIn.connect(caller, MediaType.AUDIO);
        MediaPipeline calleeSide = node.engine().createPipeline();
        RtpEndpoint callee = new RtpEndpoint(calleeSide, context, opusOnly);
        PacketSinkElement received = new PacketSinkElement(calleeSide, List.of());
        callee.connect(received, MediaType.AUDIO);

        caller.processAnswer(left.processOffer(caller.generateOffer()));
        right.processAnswer(callee.processOffer(right.generateOffer()));

        List<byte[]> sent = MediaEndToEndTest.opusTone().subList(0, PACKETS);
        Paced.run(PACKETS, 20, i -> audioIn.send(MediaEndToEndTest.OPUS, sent.get(i), sent.get(i).length,
                960L * i, i, i == 0));
        assertTrue(Paced.await(10_000, () -> received.received.size() >= PACKETS),
                "packets through: " + received.received.size());

        for (int i = 0; i < PACKETS; i++) {
            assertArrayEquals(sent.get(i), received.received.get(i).payload(), "payload " + i + " untouched");
        }
        assertFalse(left.isMediaTranscoding(MediaType.AUDIO), "no transcoder on the link");
        assertEquals(0, factory.openAdapters(), "the factory made no adapter");
        assertTrue(events.stream().noneMatch(e -> e instanceof MediaTranscodingStateChanged), events.toString());
    }
}
