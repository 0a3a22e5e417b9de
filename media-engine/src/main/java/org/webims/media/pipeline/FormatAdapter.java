package org.webims.media.pipeline;

/**
 * What the pipeline puts between a source and a sink whose formats differ: a repacketizer
 * (same codec, other payload layout) or a transcoder (decode and encode). It pushes its output
 * into the downstream sink it was made with and passes keyframe and bitrate requests upstream.
 */
public interface FormatAdapter extends MediaSink, AutoCloseable {

    enum Kind { REPACKETIZE, TRANSCODE }

    Kind kind();

    /** Downstream asked for a keyframe: a transcoder makes one, a repacketizer asks upstream. */
    void requestKeyframe();

    void limitBitrate(long bitsPerSecond);

    /**
     * The far receiver's loss of what this adapter sends, smoothed, in percent: an encoder plans
     * its redundancy by it (Opus: OPUS_SET_PACKET_LOSS_PERC). Nothing travels further upstream.
     */
    default void receiverLoss(int percent) {
    }

    /** Frees codec state; idempotent. */
    @Override
    void close();
}
