package org.webims.media.pipeline;

/**
 * The straight way from a source pad to the one sink pad it feeds when the link between them has no
 * adapter (the relay case: the same payload format on both sides): what {@link PadLink#deliver} would
 * do for a packet of format {@code from}, without reaching the link's array, the link and the sink pad.
 * A relay of many calls finds those cold at every packet, each allocated at another time (the link at
 * connect, the pads with their elements); the lane is one object the source pad reads (decision 0048).
 *
 * <p>Immutable. Built by the link under its lock only while it is the source's only link and resolved
 * to no adapter; every change that could make it wrong (a re-resolve after either side renegotiated, a
 * link added or removed, the link closed) takes it off the source first.
 */
final class PadLane {

    private final PadLink link;
    private final MediaFormat from;
    private final PadCounters sinkCounters;
    private final MediaSink consumer;

    PadLane(PadLink link, MediaFormat from, SinkPad sink) {
        this.link = link;
        this.from = from;
        this.sinkCounters = sink.counters();
        this.consumer = sink.consumer();
    }

    PadLink link() { return link; }

    /**
     * Delivers {@code packet} as the link would, if it has the format the link resolved for (the same
     * object, or an equal one, which the link would adopt without a change); false: the caller takes the
     * link's way.
     */
    boolean deliver(MediaPacket packet) {
        MediaFormat format = packet.format();
        if (format != from && !from.equals(format)) {
            return false;
        }
        sinkCounters.count(packet);
        consumer.accept(packet);
        return true;
    }
}
