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

    /** A factory that adapts nothing: links between different formats stay unresolved. */
    FormatAdapterFactory NONE = (from, to, downstream, upstream) -> {
        throw new UnsupportedConversionException(from, to, "no format adapters configured");
    };
}
