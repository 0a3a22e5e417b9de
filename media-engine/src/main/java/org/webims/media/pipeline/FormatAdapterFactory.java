package org.webims.media.pipeline;

/** Makes {@link FormatAdapter}s; the engine's transcoding package provides the real one. */
public interface FormatAdapterFactory {

    /**
     * An adapter turning packets of {@code from} into packets of {@code to}, pushed into
     * {@code downstream}; keyframe requests it cannot serve itself go to {@code upstream}.
     *
     * @throws UnsupportedConversionException if no codec here can do it
     */
    FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream,
                         UpstreamControl upstream) throws UnsupportedConversionException;

    /**
     * As {@link #create(MediaFormat, MediaFormat, MediaSink, UpstreamControl)}, with the packets it
     * makes at most {@code maxPacketSize} bytes (0: its default); the default ignores the bound.
     */
    default FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream,
                                 int maxPacketSize) throws UnsupportedConversionException {
        return create(from, to, downstream, upstream);
    }

    /** A factory that adapts nothing: links between different formats stay unresolved. */
    FormatAdapterFactory NONE = (from, to, downstream, upstream) -> {
        throw new UnsupportedConversionException(from, to, "no format adapters configured");
    };
}
