package org.webims.media.pipeline;

/**
 * The unit that flows from a source pad to its sinks: one RTP payload in a known
 * {@link MediaFormat}, with the RTP fields a receiver needs. The producer owns and reuses the
 * instance and its buffer: a sink may read it only during {@link MediaSink#accept} and copies
 * what it keeps (no per-packet allocation, no reference counting).
 */
public final class MediaPacket {

    private byte[] buffer;
    private int offset;
    private int length;
    private MediaFormat format;
    private long timestamp;
    private int sequenceNumber;
    private boolean marker;
    private boolean keyframe;
    private long receivedNanos;
    private int ssrc;

    /** Fills this packet; returns it for chaining. */
    public MediaPacket set(MediaFormat format, byte[] buffer, int offset, int length,
                           long timestamp, int sequenceNumber, boolean marker) {
        this.format = format;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.timestamp = timestamp;
        this.sequenceNumber = sequenceNumber;
        this.marker = marker;
        this.keyframe = false;
        this.receivedNanos = 0;
        this.ssrc = 0;
        return this;
    }

    public MediaPacket keyframe(boolean keyframe) {
        this.keyframe = keyframe;
        return this;
    }

    public MediaPacket receivedNanos(long nanos) {
        this.receivedNanos = nanos;
        return this;
    }

    /** Identifies the stream the packet belongs to, so a sender sees a source switch. */
    public MediaPacket ssrc(int ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    public byte[] buffer() { return buffer; }
    public int offset() { return offset; }
    public int length() { return length; }
    public MediaFormat format() { return format; }
    /** RTP timestamp in the format's clock rate, continuous for one source. */
    public long timestamp() { return timestamp; }
    /** The source's RTP sequence number (16 bits): lets a sink see loss and order. */
    public int sequenceNumber() { return sequenceNumber; }
    /** RTP marker: last packet of a video frame, first of an audio talkspurt. */
    public boolean marker() { return marker; }
    /** First packet of a frame that decodes on its own (VP8 key frame, H.264 IDR). */
    public boolean keyframe() { return keyframe; }
    public long receivedNanos() { return receivedNanos; }
    /** SSRC of the originating stream (RTP SSRC, or an element's own id for generated media). */
    public int ssrc() { return ssrc; }
}
