package org.webims.media.codec.opus;

/** Range checks shared by both Opus encoders, so both reject the same values the same way. */
final class OpusSettings {

    private OpusSettings() {
    }

    static void checkComplexity(int complexity) {
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("Opus complexity must be 0..10, got " + complexity);
        }
    }

    static void checkPacketLoss(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("packet loss must be 0..100 %, got " + percent);
        }
    }

    /** The PCM rates libopus encodes from and decodes to (opus.h, opus_encoder_create / opus_decoder_create). */
    static int checkSampleRate(int sampleRate) {
        if (!OpusDecoder.isNativeSampleRate(sampleRate)) {
            throw new IllegalArgumentException("Opus sample rate must be 8000, 12000, 16000, 24000 or 48000 Hz, got "
                    + sampleRate);
        }
        return sampleRate;
    }

    static void checkBitrate(int bitsPerSecond) {
        if (bitsPerSecond < 500 || bitsPerSecond > 512_000) {
            throw new IllegalArgumentException("Opus bitrate must be 500..512000 bit/s, got " + bitsPerSecond);
        }
    }
}
