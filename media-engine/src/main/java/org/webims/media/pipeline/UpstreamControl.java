package org.webims.media.pipeline;

/**
 * What a sink asks of the source it is fed by, travelling against the media: RTCP PLI/FIR
 * (RFC 4585 §6.3.1, RFC 5104 §4.3.1) become {@link #requestKeyframe}, REMB and TMMBR become
 * {@link #limitBitrate}.
 */
public interface UpstreamControl {

    void requestKeyframe();

    /** The most the sink can take, in bits per second. */
    void limitBitrate(long bitsPerSecond);

    /**
     * No sink holds a limit any more. Neither REMB nor TMMBR (RFC 5104 §4.2.1) has a "no limit"
     * value, so an element tells its peer the most it takes (its configured or negotiated maximum).
     */
    default void liftBitrateLimit() { }

    UpstreamControl NONE = new UpstreamControl() {
        @Override public void requestKeyframe() { }
        @Override public void limitBitrate(long bitsPerSecond) { }
        @Override public void liftBitrateLimit() { }
    };
}
