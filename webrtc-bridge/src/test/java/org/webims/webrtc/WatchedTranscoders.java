package org.webims.webrtc;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.UnsupportedConversionException;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * The engine's real transcoders, remembering the last one made toward each encoding, so that a
 * test reads the counters of the encoder whose output the browser receives.
 */
final class WatchedTranscoders implements FormatAdapterFactory, AutoCloseable {

    private final CodecFormatAdapterFactory real = new CodecFormatAdapterFactory();
    private final Map<String, FormatAdapter> lastTo = new ConcurrentHashMap<>();

    @Override
    public FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream)
            throws UnsupportedConversionException {
        FormatAdapter a = real.create(from, to, downstream, upstream);
        lastTo.put(to.encoding().toLowerCase(Locale.ROOT), a);
        return a;
    }

    /** The counters of the last transcoder made toward {@code encoding}; empty before one. */
    Map<String, Long> to(String encoding) {
        FormatAdapter a = lastTo.get(encoding.toLowerCase(Locale.ROOT));
        return a == null ? Map.of() : CodecFormatAdapterFactory.counters(a);
    }

    @Override
    public void close() {
        real.close();
    }
}
