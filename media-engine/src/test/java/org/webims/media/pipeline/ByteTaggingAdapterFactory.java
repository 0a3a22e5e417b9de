package org.webims.media.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the codec-backed adapter factory, for testing the pipeline alone: its adapters
 * prefix each payload with one byte ('R' for repacketize, 'T' for transcode) and relabel the
 * format, so a test can see which adapter a link chose. It refuses encodings named "unknown".
 */
final class ByteTaggingAdapterFactory implements FormatAdapterFactory {

    final List<TaggingAdapter> made = new ArrayList<>();

    @Override
    public FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream,
                                UpstreamControl upstream) throws UnsupportedConversionException {
        if (from.encoding().equals("unknown") || to.encoding().equals("unknown")) {
            throw new UnsupportedConversionException(from, to, "test codec unknown");
        }
        TaggingAdapter adapter = new TaggingAdapter(from.sameCodec(to) ? FormatAdapter.Kind.REPACKETIZE : FormatAdapter.Kind.TRANSCODE,
                to, downstream, upstream);
        made.add(adapter);
        return adapter;
    }

    static final class TaggingAdapter implements FormatAdapter {
        final Kind kind;
        final MediaFormat to;
        final MediaSink downstream;
        final UpstreamControl upstream;
        final MediaPacket out = new MediaPacket();
        final byte[] buffer = new byte[1500];
        int keyframesMade;
        volatile boolean closed;

        TaggingAdapter(Kind kind, MediaFormat to, MediaSink downstream, UpstreamControl upstream) {
            this.kind = kind;
            this.to = to;
            this.downstream = downstream;
            this.upstream = upstream;
        }

        @Override public Kind kind() { return kind; }

        @Override
        public void accept(MediaPacket p) {
            buffer[0] = (byte) (kind == Kind.TRANSCODE ? 'T' : 'R');
            System.arraycopy(p.buffer(), p.offset(), buffer, 1, p.length());
            downstream.accept(out.set(to, buffer, 0, p.length() + 1, p.timestamp(), p.sequenceNumber(), p.marker()));
        }

        @Override
        public void requestKeyframe() {
            if (kind == Kind.TRANSCODE) {
                keyframesMade++;
            } else {
                upstream.requestKeyframe();
            }
        }

        @Override public void limitBitrate(long bps) { upstream.limitBitrate(bps); }
        @Override public void close() { closed = true; }
    }
}
