package org.webims.media.filter;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;

/**
 * Kurento's PassThrough: what comes in on a sink pad leaves on the source pad of the same type,
 * untouched; keyframe and bitrate requests travel back the same way.
 */
public final class PassThrough extends MediaElement {

    public PassThrough(MediaPipeline pipeline) {
        super(pipeline, "PassThrough");
        for (MediaType type : MediaType.values()) {
            SourcePad[] out = new SourcePad[1];
            out[0] = addSourcePad(type, new UpstreamControl() {
                @Override public void requestKeyframe() { sinkPad(type).requestKeyframe(); }
                @Override public void limitBitrate(long bps) { sinkPad(type).limitBitrate(bps); }
            });
            addSinkPad(type, packet -> out[0].push(packet));
        }
    }
}
