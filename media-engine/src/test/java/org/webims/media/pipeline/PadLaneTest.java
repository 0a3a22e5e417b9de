package org.webims.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relay link's lane (decision 0048): packets of the resolved format go straight from the source pad
 * to its one sink, and every change of what the link resolved to, or of the links, takes the lane off so
 * that the next packet goes the link's way. Each test first checks the lane is in use, so that the change
 * after it is what is tested.
 */
class PadLaneTest {

    static final MediaFormat OPUS = MediaPipelineTest.OPUS;
    static final MediaFormat AMRWB_BE = MediaPipelineTest.AMRWB_BE;
    static final MediaFormat AMRWB_OA = MediaPipelineTest.AMRWB_OA;

    final ByteTaggingAdapterFactory adapters = new ByteTaggingAdapterFactory();
    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), adapters);
    final MediaPipeline pipeline = engine.createPipeline();
    final PacketSourceElement source = new PacketSourceElement(pipeline);
    final SourcePad pad = source.sourcePad(MediaType.AUDIO);

    @AfterEach
    void close() {
        engine.close();
    }

    private void relayed(PacketSinkElement sink, int packets) {
        for (int i = 0; i < packets; i++) {
            source.send(OPUS, new byte[] {(byte) i}, i);
        }
        assertTrue(pad.hasLane(), "a link without adapter delivers through the lane");
        assertEquals(packets, sink.received.size());
    }

    @Test
    void lanePacketsAreCountedOnBothPadsAsThroughTheLink() {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        relayed(sink, 5);
        assertEquals(5, pad.counters().packets());
        assertEquals(5, sink.sinkPad(MediaType.AUDIO).counters().packets());
        assertEquals(5, sink.sinkPad(MediaType.AUDIO).counters().bytes());
        assertEquals(List.of(0, 1, 2, 3, 4), sink.received.stream().map(r -> (int) r.payload()[0]).toList());
    }

    @Test
    void aSinkRenegotiatedToAnotherFormatGetsTheAdapterNotTheLane() {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        relayed(sink, 3);
        sink.sinkPad(MediaType.AUDIO).setAcceptedFormats(List.of(AMRWB_OA));
        source.send(OPUS, new byte[] {9}, 3);
        PacketSinkElement.Received last = sink.received.get(3);
        assertEquals(AMRWB_OA, last.format(), "what the sink now takes, not the old format straight on");
        assertEquals('T', last.payload()[0]);
        assertFalse(pad.hasLane(), "a transcoding link has no lane");
    }

    @Test
    void aSourceSwitchingFormatIsResolvedAgainAndGetsANewLane() {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS, AMRWB_BE));
        source.connect(sink, MediaType.AUDIO);
        relayed(sink, 2);
        source.send(AMRWB_BE, new byte[] {7}, 2);
        source.send(AMRWB_BE, new byte[] {8}, 3);
        assertEquals(AMRWB_BE, sink.received.get(2).format());
        assertEquals(List.of(7, 8), sink.received.subList(2, 4).stream().map(r -> (int) r.payload()[0]).toList());
        assertTrue(pad.hasLane());
        source.send(OPUS, new byte[] {1}, 4);
        assertEquals(OPUS, sink.received.get(4).format());
    }

    @Test
    void aSecondSinkLinkedLaterGetsEveryPacketAfterIt() {
        PacketSinkElement first = new PacketSinkElement(pipeline, List.of(OPUS));
        PacketSinkElement second = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(first, MediaType.AUDIO);
        relayed(first, 3);
        source.connect(second, MediaType.AUDIO);
        source.send(OPUS, new byte[] {3}, 3);
        source.send(OPUS, new byte[] {4}, 4);
        assertEquals(5, first.received.size());
        assertEquals(2, second.received.size());
        assertFalse(pad.hasLane());
        source.disconnect(second, MediaType.AUDIO);
        source.send(OPUS, new byte[] {5}, 5);
        assertEquals(6, first.received.size());
        assertEquals(2, second.received.size());
        assertTrue(pad.hasLane(), "one link again: the lane comes back");
    }

    @Test
    void aSinkTakenOverByAnotherSourceGetsNothingMoreFromTheOldOne() {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        relayed(sink, 3);
        PacketSourceElement other = new PacketSourceElement(pipeline);
        other.connect(sink, MediaType.AUDIO);
        source.send(OPUS, new byte[] {42}, 3);
        other.send(OPUS, new byte[] {43}, 1);
        assertEquals(4, sink.received.size());
        assertEquals(43, sink.received.get(3).payload()[0]);
        assertFalse(pad.hasLane());
    }

    @Test
    void aDisconnectedSinkGetsNothingMore() {
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of(OPUS));
        source.connect(sink, MediaType.AUDIO);
        relayed(sink, 3);
        source.disconnect(sink, MediaType.AUDIO);
        source.send(OPUS, new byte[] {1}, 3);
        assertEquals(3, sink.received.size());
        assertFalse(pad.hasLane());
    }
}
