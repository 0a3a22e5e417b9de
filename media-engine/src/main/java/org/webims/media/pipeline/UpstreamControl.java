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

    UpstreamControl NONE = new UpstreamControl() {
        @Override public void requestKeyframe() { }
        @Override public void limitBitrate(long bitsPerSecond) { }
    };
}
