package org.webims.media.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.BundledAmrWbDecoder;
import org.webims.media.codec.amrwb.BundledAmrWbEncoder;
import org.webims.media.codec.amrwb.SystemAmrWbDecoder;
import org.webims.media.codec.amrwb.SystemAmrWbEncoder;
import org.webims.media.codec.opus.BundledOpusDecoder;
import org.webims.media.codec.opus.BundledOpusEncoder;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.opus.SystemOpusDecoder;
import org.webims.media.codec.opus.SystemOpusEncoder;

/**
 * Makes audio encoders and decoders from one back-end. {@link #get()} uses the system libraries
 * when they all load, else the bundled FFmpeg; {@value #BACKEND_PROPERTY} or {@link #of} forces one
 * (tests and benchmarks compare both).
 */
public final class AudioCodecs {

    /** System property forcing the back-end: {@code system} or {@code bundled}. */
    public static final String BACKEND_PROPERTY = "webims.codec.backend";

    private static final Logger LOG = LoggerFactory.getLogger(AudioCodecs.class);

    private final CodecBackend backend;

    private AudioCodecs(CodecBackend backend) {
        this.backend = backend;
    }

    /** The process-wide choice, made and logged once. */
    public static AudioCodecs get() {
        return Chosen.INSTANCE;
    }

    /**
     * Codecs from exactly this back-end.
     *
     * @throws IllegalStateException if it is {@link CodecBackend#SYSTEM} and the libraries do not load
     */
    public static AudioCodecs of(CodecBackend backend) {
        if (backend == CodecBackend.SYSTEM && !SystemCodecLibraries.available()) {
            throw new IllegalStateException("system codec libraries unavailable: " + SystemCodecLibraries.unavailableReason());
        }
        return new AudioCodecs(backend);
    }

    /** The back-end {@link #get()} picks: the property if set, else system when available, else bundled. */
    static CodecBackend choose(String property) {
        if (property != null && !property.isBlank()) {
            return CodecBackend.parse(property);
        }
        return SystemCodecLibraries.available() ? CodecBackend.SYSTEM : CodecBackend.BUNDLED;
    }

    public CodecBackend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return backend.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Opus 48 kHz mono 20 ms, complexity 10, {@value OpusEncoder#DEFAULT_BITRATE} bit/s, FEC and DTX off. */
    public OpusEncoder newOpusEncoder() throws CodecException {
        return newOpusEncoder(OpusEncoder.SAMPLE_RATE);
    }

    /**
     * As {@link #newOpusEncoder()}, taking PCM at {@code sampleRate} (8000, 12000, 16000, 24000 or
     * 48000 Hz): libopus encodes from these natively, so a 16 kHz source needs no resampler. Both
     * back-ends honour it.
     */
    public OpusEncoder newOpusEncoder(int sampleRate) throws CodecException {
        return backend == CodecBackend.SYSTEM ? new SystemOpusEncoder(sampleRate) : new BundledOpusEncoder(sampleRate);
    }

    public OpusDecoder newOpusDecoder() throws CodecException {
        return newOpusDecoder(OpusDecoder.SAMPLE_RATE);
    }

    /**
     * An Opus decoder asked for PCM at {@code sampleRate} (8000, 12000, 16000, 24000 or 48000 Hz).
     * The system back-end decodes at that rate natively; the bundled FFmpeg's libopus wrapper always
     * decodes at 48 kHz, so there the request is not met: read {@link OpusDecoder#sampleRate()} for
     * the rate it produces and resample if it differs.
     */
    public OpusDecoder newOpusDecoder(int sampleRate) throws CodecException {
        return backend == CodecBackend.SYSTEM ? new SystemOpusDecoder(sampleRate) : new BundledOpusDecoder(sampleRate);
    }

    /** AMR-WB at speech mode 0..8, DTX off. */
    public AmrWbEncoder newAmrWbEncoder(int mode) throws CodecException {
        return backend == CodecBackend.SYSTEM ? new SystemAmrWbEncoder(mode) : new BundledAmrWbEncoder(mode);
    }

    public AmrWbDecoder newAmrWbDecoder() throws CodecException {
        return backend == CodecBackend.SYSTEM ? new SystemAmrWbDecoder() : new BundledAmrWbDecoder();
    }

    private static final class Chosen {
        static final AudioCodecs INSTANCE = choose();

        private static AudioCodecs choose() {
            String property = System.getProperty(BACKEND_PROPERTY);
            CodecBackend backend = AudioCodecs.choose(property);
            var event = LOG.atInfo()
                    .addKeyValue("backend", backend.name().toLowerCase(java.util.Locale.ROOT))
                    .addKeyValue("forced", property != null && !property.isBlank());
            if (!SystemCodecLibraries.available()) {
                event = event.addKeyValue("systemUnavailable", SystemCodecLibraries.unavailableReason());
            }
            event.log("audio codec back-end chosen");
            return of(backend);
        }
    }
}
