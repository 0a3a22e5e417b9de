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

    private volatile MediaFormat resolvedFrom;
    private volatile MediaSink target;
    private volatile FormatAdapter adapter;
    /** What reaches upstream from this link: through the adapter, or straight when relaying. */
    private volatile Feedback feedback;
    /** The sink's last ceiling, carried over when the adapter changes; 0: none. */
    private volatile long requestedBitrate;
    private boolean closed;

    PadLink(SourcePad source, SinkPad sink, FormatAdapterFactory adapters) {
        this.source = source;
        this.sink = sink;
        this.adapters = adapters;
        this.toSink = sink::receive;
        this.target = toSink;
        this.feedback = new Feedback();
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
        Feedback previousFeedback = feedback;
        adapter = null;
        target = null;
        List<MediaFormat> accepted = sink.acceptedFormats();
        MediaFormat chosen = null;
        FormatAdapter made = null;
        String failure = null;
        if (from == null || accepted.isEmpty() || accepted.stream().anyMatch(from::samePayloadFormat)) {
            if (previous != null) {
                feedback = new Feedback();
            }
            target = toSink;
        } else {
            List<MediaFormat> candidates = accepted.stream().filter(from::sameCodec).toList();
            if (candidates.isEmpty()) {
                candidates = accepted;
            }
            Feedback next = new Feedback();
            for (MediaFormat to : candidates) {
                try {
                    made = adapters.create(from, to, toSink, next, sink.maxPacketSize());
                    chosen = to;
                    break;
                } catch (UnsupportedConversionException e) {
                    failure = e.getMessage();
                }
            }
            feedback = next;
            adapter = made;
            target = made;
        }
        resolvedFrom = from;
        if (feedback != previousFeedback) {
            carryOverBitrate(previousFeedback);
        }
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

    /**
     * The path changed: the sink's ceiling goes the new way (a new transcoder's encoder starts at
     * it) before the old way's limit leaves the source pad's minimum, so an unchanged minimum sends
     * nothing. A ceiling that raced this through the old way ends in a closed slot; the volatile
     * writes of {@code requestedBitrate} and {@code feedback} make sure one of the two sees it.
     */
    private void carryOverBitrate(Feedback previousFeedback) {
        long requested = requestedBitrate;
        if (requested > 0) {
            limitBitrate(requested);
        }
        previousFeedback.bitrate.close(false);
    }

    void requestKeyframe() {
        FormatAdapter current = adapter;
        if (current != null) {
            current.requestKeyframe();
        } else {
            feedback.requestKeyframe();
        }
    }

    void limitBitrate(long bitsPerSecond) {
        requestedBitrate = bitsPerSecond;
        FormatAdapter current = adapter;
        if (current != null) {
            current.limitBitrate(bitsPerSecond);
        } else {
            feedback.limitBitrate(bitsPerSecond);
        }
    }

    /**
     * The sink's ceiling is gone (its far end's description no longer bounds it): an encoder on this
     * link goes back to its configured rate, and this link's slot leaves the source pad's minimum.
     */
    void liftBitrateLimit() {
        requestedBitrate = 0;
        FormatAdapter current = adapter;
        if (current != null && current.kind() == FormatAdapter.Kind.TRANSCODE) {
            current.limitBitrate(Long.MAX_VALUE); // RateTarget: at or above the configured rate is no limit
        }
        feedback.liftBitrateLimit();
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
        // a source (or its whole pipeline) going away tells its peer nothing more; a sink's leaving may lift the others' minimum
        MediaElement from = source.element();
        feedback.bitrate.close(from.isReleased() || from.pipeline().isReleased());
        source.keyframeRequests().forget(this);
    }

    /**
     * This link's requests on their way to the source pad: key frame requests coalesced with the
     * other links', ceilings in this link's slot of the pad's minimum. One per adapter, so what an
     * adapter passes up after it was replaced lands in a closed slot.
     */
    private final class Feedback implements UpstreamControl {
        final BitrateLimits.Slot bitrate = source.bitrateLimits().open();

        @Override
        public void requestKeyframe() {
            source.keyframeRequests().request(PadLink.this);
        }

        @Override
        public void limitBitrate(long bitsPerSecond) {
            bitrate.limit(bitsPerSecond);
        }

        @Override
        public void liftBitrateLimit() {
            bitrate.clear();
        }
    }
}
