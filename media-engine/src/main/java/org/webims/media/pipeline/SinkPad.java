package org.webims.media.pipeline;

import java.util.List;

/**
 * An element's input for one media type. It is fed by at most one source pad at a time (as in
 * Kurento: a new connection replaces the old) and tells the pipeline which formats it takes,
 * in order of preference; an empty list takes anything, as a pass-through does.
 */
public final class SinkPad {

    private final MediaElement element;
    private final MediaType type;
    private final MediaSink consumer;
    private final PadCounters counters = new PadCounters();
    private volatile List<MediaFormat> acceptedFormats = List.of();
    /** The largest RTP packet an adapter feeding this pad may make (Kurento's mtu); 0: the adapters' default. */
    private volatile int maxPacketSize;
    private volatile PadLink link;
    /** The far end's ceiling on what this pad's element sends (its SDP b=AS/b=TIAS), bits/s; 0: none. */
    private volatile long ceiling;
    /** Kurento's minVideoSendBandwidth, bits/s: no REMB/TMMBR/estimate takes what we send below it; 0: none. */
    private volatile long floor;
    /** The far side's last REMB/TMMBR, unbounded; 0: none yet. */
    private volatile long lastLimit;

    SinkPad(MediaElement element, MediaType type, MediaSink consumer) {
        this.element = element;
        this.type = type;
        this.consumer = consumer;
    }

    public MediaElement element() { return element; }
    public MediaType type() { return type; }
    public PadCounters counters() { return counters; }
    public List<MediaFormat> acceptedFormats() { return acceptedFormats; }

    /** The source pad feeding this one, or null. */
    public SourcePad source() {
        PadLink current = link;
        return current == null ? null : current.source();
    }

    /** Changes what this pad takes (after a renegotiation); the link re-resolves its adapter. */
    public void setAcceptedFormats(List<MediaFormat> formats) {
        for (MediaFormat f : formats) {
            if (f.type() != type) {
                throw new IllegalArgumentException(type + " pad cannot take " + f);
            }
        }
        this.acceptedFormats = List.copyOf(formats);
        PadLink current = link;
        if (current != null) {
            current.resolve();
        }
    }

    public int maxPacketSize() { return maxPacketSize; }

    /**
     * Bounds the RTP packets a packetizing adapter makes for this pad (0: the adapters' default);
     * the link re-chooses its adapter, so the next packets keep to it.
     */
    public void setMaxPacketSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("max packet size must not be negative, got " + bytes);
        }
        this.maxPacketSize = bytes;
        PadLink current = link;
        if (current != null) {
            current.resolve();
        }
    }

    /** Asks whatever feeds this pad for a keyframe (a PLI or FIR arrived from our far side). */
    public void requestKeyframe() {
        PadLink current = link;
        if (current != null) {
            current.requestKeyframe();
        }
    }

    /** Passes a bitrate ceiling upstream (REMB or TMMBR from our far side), never above the negotiated one. */
    public void limitBitrate(long bitsPerSecond) {
        lastLimit = bitsPerSecond;
        PadLink current = link;
        if (current != null) {
            current.limitBitrate(bounded(bitsPerSecond));
        }
    }

    /**
     * The far side's REMB/TMMBR limit no longer holds (lifted, or its sender went silent): whatever
     * feeds this pad goes back to what the far end's description allows, the ceiling if there is
     * one, else no limit (an encoder back to its configured rate, a relayed link out of the source's minimum).
     */
    public void liftBitrateLimit() {
        lastLimit = 0;
        PadLink current = link;
        if (current == null) {
            return;
        }
        long c = ceiling;
        if (c > 0) {
            current.limitBitrate(c);
        } else {
            current.liftBitrateLimit();
        }
    }

    /**
     * The most our far end takes, as its SDP said (RFC 8866 §5.8 b=AS, RFC 3890 b=TIAS), in bits/s
     * of media; 0 for none. Every later REMB/TMMBR is held under it, and it goes upstream now as a
     * limit of its own: a transcoder's encoder aims under it, a relayed source is asked for it.
     */
    public void setBitrateCeiling(long bitsPerSecond) {
        long previous = ceiling;
        long value = Math.max(0, bitsPerSecond);
        ceiling = value;
        PadLink current = link;
        if (current == null || previous == value) {
            return;
        }
        long last = lastLimit;
        if (value > 0 || last > 0) {
            current.limitBitrate(bounded(last));
        } else {
            current.liftBitrateLimit();
        }
    }

    public long bitrateCeiling() {
        return ceiling;
    }

    /**
     * The least a limit from our far side (REMB, TMMBR, a send-side estimate) takes what we send
     * to, bits/s; 0 for none. The far end's SDP ceiling still wins: it is what it can take at all.
     * A limit already in force is re-sent upstream under the new floor.
     */
    public void setBitrateFloor(long bitsPerSecond) {
        long previous = floor;
        floor = Math.max(0, bitsPerSecond);
        PadLink current = link;
        long last = lastLimit;
        if (current != null && previous != floor && last > 0) {
            current.limitBitrate(bounded(last));
        }
    }

    public long bitrateFloor() {
        return floor;
    }

    private long bounded(long bitsPerSecond) {
        long f = floor;
        long limit = f > 0 && bitsPerSecond > 0 && bitsPerSecond < f ? f : bitsPerSecond;
        long c = ceiling;
        return c > 0 && (limit <= 0 || limit > c) ? c : limit;
    }

    /** A new link starts under the ceiling, as the far end's description still holds. */
    void linked(PadLink newLink) {
        long c = ceiling;
        if (c > 0) {
            newLink.limitBitrate(c);
        }
    }

    /**
     * Tells the encoder feeding this pad, if the link has one, the loss our far receiver reports
     * (smoothed over its RTCP reports, RFC 3550 §6.4.1), in percent.
     */
    public void receiverLoss(int percent) {
        PadLink current = link;
        if (current != null) {
            current.receiverLoss(percent);
        }
    }

    void receive(MediaPacket packet) {
        counters.count(packet);
        consumer.accept(packet);
    }

    PadLink link() { return link; }

    void link(PadLink newLink) { this.link = newLink; }

    @Override
    public String toString() {
        return element.id() + "/sink/" + type;
    }
}
