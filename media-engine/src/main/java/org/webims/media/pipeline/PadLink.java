package org.webims.media.pipeline;

import java.util.List;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection from a source pad to a sink pad, and the adapter between them when their
 * formats differ. The adapter is chosen from the format of the packets that actually arrive
 * (so a source that switches codec mid-call re-resolves on its first packet of the new one):
 * the same payload format passes untouched, the same codec is repacketized, another is
 * transcoded to the sink's first preference the factory can make.
 */
final class PadLink {

    private static final Logger LOG = LoggerFactory.getLogger(PadLink.class);

    private final SourcePad source;
    private final SinkPad sink;
    private final FormatAdapterFactory adapters;
    private final MediaSink toSink;
    private final UpstreamControl upstream;

    private volatile MediaFormat resolvedFrom;
    private volatile MediaSink target;
    private volatile FormatAdapter adapter;
    private boolean closed;

    PadLink(SourcePad source, SinkPad sink, FormatAdapterFactory adapters) {
        this.source = source;
        this.sink = sink;
        this.adapters = adapters;
        this.toSink = sink::receive;
        this.upstream = source.control();
        this.target = toSink;
    }

    SourcePad source() { return source; }
    SinkPad sink() { return sink; }

    void deliver(MediaPacket packet) {
        MediaFormat format = packet.format();
        if (format != resolvedFrom) {
            adoptOrResolve(format);
        }
        MediaSink current = target;
        if (current == toSink) {
            sink.receive(packet); // the usual relay case, no adapter: straight on, not through the method reference's object
            return;
        }
        if (current == null) {
            source.counters().countDropped();
            return;
        }
        current.accept(packet);
    }

    /**
     * Re-chooses the adapter after either side renegotiated: for the source's declared format,
     * or else for the format of the packets seen so far.
     */
    void resolve() {
        MediaFormat declared = source.format();
        MediaFormat from = declared != null ? declared : resolvedFrom;
        if (from != null) {
            resolveFor(from);
        }
    }

    // An equal format in another instance keeps the adapter; only a real change re-resolves.
    private synchronized void adoptOrResolve(MediaFormat format) {
        if (format != null && format.equals(resolvedFrom)) {
            resolvedFrom = format;
        } else {
            resolveFor(format);
        }
    }

    private synchronized void resolveFor(MediaFormat from) {
        if (closed) {
            target = null;
            return;
        }
        FormatAdapter previous = adapter;
        adapter = null;
        target = null;
        List<MediaFormat> accepted = sink.acceptedFormats();
        MediaFormat chosen = null;
        FormatAdapter made = null;
        String failure = null;
        if (from == null || accepted.isEmpty() || accepted.stream().anyMatch(from::samePayloadFormat)) {
            target = toSink;
        } else {
            List<MediaFormat> candidates = accepted.stream().filter(from::sameCodec).toList();
            if (candidates.isEmpty()) {
                candidates = accepted;
            }
            for (MediaFormat to : candidates) {
                try {
                    made = adapters.create(from, to, toSink, upstream);
                    chosen = to;
                    break;
                } catch (UnsupportedConversionException e) {
                    failure = e.getMessage();
                }
            }
            adapter = made;
            target = made;
        }
        resolvedFrom = from;
        if (previous != null) {
            previous.close();
        }
        reportChange(previous, from, chosen, failure);
    }

    private void reportChange(FormatAdapter previous, MediaFormat from, MediaFormat to, String failure) {
        boolean wasTranscoding = previous != null && previous.kind() == FormatAdapter.Kind.TRANSCODE;
        FormatAdapter now = adapter;
        boolean transcoding = now != null && now.kind() == FormatAdapter.Kind.TRANSCODE;
        MediaElement element = source.element();
        if (transcoding || wasTranscoding) {
            element.emit(new MediaTranscodingStateChanged(element, source.type(), transcoding,
                    from, transcoding ? to : null, sink.element().id()));
        }
        if (target == null && failure != null) {
            LOG.atWarn().addKeyValue("source", source).addKeyValue("sink", sink)
                    .addKeyValue("reason", failure).log("media link has no usable conversion");
            element.emit(new MediaErrorEvent(element, "NO_CONVERSION", failure));
        }
    }

    void requestKeyframe() {
        FormatAdapter current = adapter;
        if (current != null) {
            current.requestKeyframe();
        } else {
            upstream.requestKeyframe();
        }
    }

    void limitBitrate(long bitsPerSecond) {
        FormatAdapter current = adapter;
        if (current != null) {
            current.limitBitrate(bitsPerSecond);
        } else {
            upstream.limitBitrate(bitsPerSecond);
        }
    }

    /**
     * The receiver's smoothed loss reaches this link's encoder, if it has one; a relaying link has
     * none and ignores it (the source's own encoder hears its own receiver, not ours).
     */
    void receiverLoss(int percent) {
        FormatAdapter current = adapter;
        if (current != null) {
            current.receiverLoss(percent);
        }
    }

    /** Whether packets are being decoded and encoded on this link right now. */
    boolean isTranscoding() {
        FormatAdapter current = adapter;
        return current != null && current.kind() == FormatAdapter.Kind.TRANSCODE;
    }

    synchronized void close() {
        closed = true;
        target = null;
        FormatAdapter previous = adapter;
        adapter = null;
        if (previous != null) {
            previous.close();
        }
    }
}
