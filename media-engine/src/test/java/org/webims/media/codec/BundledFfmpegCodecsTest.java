package org.webims.media.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled FFmpeg build (org.bytedeco:ffmpeg, linux-x86_64) loads here and carries every codec
 * and muxer the media engine relies on: the fallback codec back-end and the recorder's muxers.
 */
class BundledFfmpegCodecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"libopus", "libvpx", "libopenh264", "libvo_amrwbenc"})
    void hasEncoder(String name) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        assertNotNull(codec, "encoder " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"opus", "libopus", "vp8", "h264", "libopencore_amrwb"})
    void hasDecoder(String name) {
        AVCodec codec = avcodec.avcodec_find_decoder_by_name(name);
        assertNotNull(codec, "decoder " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webm", "mp4", "matroska"})
    void hasMuxer(String name) {
        AVOutputFormat format = avformat.av_guess_format(name, null, null);
        assertNotNull(format, "muxer " + name);
    }
}
