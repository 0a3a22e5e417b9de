package org.webims.media.pipeline;

import java.util.Map;
import org.webims.media.pipeline.event.MediaFlowInStateChanged;
import org.webims.media.pipeline.event.MediaFlowOutStateChanged;

/**
 * Turns pad counters into flow events: a pad that saw a packet within the flow timeout is
 * flowing; a change from what was last reported raises MediaFlowIn/OutStateChanged. Runs on
 * the engine's scheduler, so the media path only writes a timestamp.
 */
final class FlowMonitor {

    private final MediaEngine engine;

    FlowMonitor(MediaEngine engine) {
        this.engine = engine;
    }

    void check() {
        for (MediaPipeline pipeline : engine.pipelines()) {
            for (MediaElement element : pipeline.elements()) {
                if (element.isReleased()) {
                    continue;
                }
                for (Map.Entry<MediaType, SinkPad> e : element.sinkPads().entrySet()) {
                    FlowState now = state(e.getValue().counters());
                    if (changed(element.reportedIn, e.getKey(), now)) {
                        element.emit(new MediaFlowInStateChanged(element, e.getKey(), now));
                    }
                }
                for (Map.Entry<MediaType, SourcePad> e : element.sourcePads().entrySet()) {
                    FlowState now = state(e.getValue().counters());
                    if (changed(element.reportedOut, e.getKey(), now)) {
                        element.emit(new MediaFlowOutStateChanged(element, e.getKey(), now));
                    }
                }
                element.flowChecked();
            }
        }
    }

    private FlowState state(PadCounters counters) {
        return engine.isFlowing(counters) ? FlowState.FLOWING : FlowState.NOT_FLOWING;
    }

    // A pad that never carried media reports nothing until its first packet.
    private static boolean changed(Map<MediaType, FlowState> reported, MediaType type, FlowState now) {
        FlowState before = reported.get(type);
        if (before == now || (before == null && now == FlowState.NOT_FLOWING)) {
            return false;
        }
        reported.put(type, now);
        return true;
    }
}
