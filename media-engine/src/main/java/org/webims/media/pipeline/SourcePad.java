package org.webims.media.pipeline;

import java.util.Arrays;

/**
 * An element's output for one media type. {@link #push} hands a packet to every linked sink on
 * the caller's thread; the list of links is copy-on-write so pushing takes no lock. What the
 * links ask of the element travels up as one: key frame requests coalesced, bitrate ceilings
 * as their minimum.
 */
public final class SourcePad {

    private static final PadLink[] NO_LINKS = new PadLink[0];

    private final MediaElement element;
    private final MediaType type;
    private final KeyframeCoalescer keyframeRequests;
    private final BitrateLimits bitrateLimits;
    private final PadCounters counters = new PadCounters();
    private volatile MediaFormat format;
    private volatile PadLink[] links = NO_LINKS;

    SourcePad(MediaElement element, MediaType type, UpstreamControl control) {
        this.element = element;
        this.type = type;
        this.keyframeRequests = new KeyframeCoalescer(control,
                element.pipeline().engine().settings().keyframeCoalescingInterval().toNanos(), System::nanoTime);
        this.bitrateLimits = new BitrateLimits(control);
    }

    public MediaElement element() { return element; }
    public MediaType type() { return type; }
    public PadCounters counters() { return counters; }

    /** The format this pad emits, or null before it is known (before SDP negotiation). */
    public MediaFormat format() { return format; }

    /** Sets the emitted format; every link re-resolves its adapter. */
    public void setFormat(MediaFormat newFormat) {
        if (newFormat != null && newFormat.type() != type) {
            throw new IllegalArgumentException(type + " pad cannot emit " + newFormat);
        }
        this.format = newFormat;
        for (PadLink link : links) {
            link.resolve();
        }
    }

    public void push(MediaPacket packet) {
        counters.count(packet);
        PadLink[] current = links;
        for (PadLink link : current) {
            link.deliver(packet);
        }
    }

    public boolean isLinked() {
        return links.length > 0;
    }

    /** Sinks fed by this pad, in link order. */
    public java.util.List<SinkPad> sinks() {
        return Arrays.stream(links).map(PadLink::sink).toList();
    }

    /** The links' key frame requests on their way to the element. */
    public KeyframeCoalescer keyframeRequests() { return keyframeRequests; }

    /** The links' bitrate ceilings, their minimum told to the element. */
    public BitrateLimits bitrateLimits() { return bitrateLimits; }

    synchronized void addLink(PadLink link) {
        PadLink[] grown = Arrays.copyOf(links, links.length + 1);
        grown[links.length] = link;
        links = grown;
    }

    synchronized void removeLink(PadLink link) {
        links = Arrays.stream(links).filter(l -> l != link).toArray(PadLink[]::new);
    }

    @Override
    public String toString() {
        return element.id() + "/source/" + type;
    }
}
