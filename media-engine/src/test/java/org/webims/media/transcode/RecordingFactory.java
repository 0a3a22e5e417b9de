package org.webims.media.transcode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.UnsupportedConversionException;
import org.webims.media.pipeline.UpstreamControl;

/** Hands every request to the real factory and keeps what it made, so a test can read its counters. */
public final class RecordingFactory implements FormatAdapterFactory {

    final CodecFormatAdapterFactory real;
    final List<FormatAdapter> made = new CopyOnWriteArrayList<>();

    public RecordingFactory(CodecFormatAdapterFactory real) {
        this.real = real;
    }

    @Override
    public FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream)
            throws UnsupportedConversionException {
        FormatAdapter a = real.create(from, to, downstream, upstream);
        made.add(a);
        return a;
    }

    public FormatAdapter last() {
        return made.get(made.size() - 1);
    }
}
