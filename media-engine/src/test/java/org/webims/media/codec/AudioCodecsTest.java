package org.webims.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.webims.media.codec.amrwb.BundledAmrWbEncoder;
import org.webims.media.codec.amrwb.SystemAmrWbDecoder;
import org.webims.media.codec.opus.BundledOpusDecoder;
import org.webims.media.codec.opus.SystemOpusEncoder;

class AudioCodecsTest {

    @Test
    void choosesTheSystemBackendWhenItsLibrariesArePresent() {
        // bin/setup installs libopus0, libopencore-amrwb0 and libvo-amrwbenc0 on this machine and on CI
        assertTrue(SystemCodecLibraries.available(), "system codec libraries: " + SystemCodecLibraries.unavailableReason());
        assertEquals(CodecBackend.SYSTEM, AudioCodecs.choose(null));
        assertEquals(CodecBackend.SYSTEM, AudioCodecs.choose(""));
    }

    @Test
    void processWideChoiceFollowsThePropertyOrTheLibraries() {
        String property = System.getProperty(AudioCodecs.BACKEND_PROPERTY);
        CodecBackend expected = property == null ? CodecBackend.SYSTEM : CodecBackend.parse(property);
        assertEquals(expected, AudioCodecs.get().backend());
        assertTrue(AudioCodecs.get() == AudioCodecs.get(), "chosen once");
    }

    @Test
    void thePropertyForcesEitherBackend() {
        assertEquals(CodecBackend.BUNDLED, AudioCodecs.choose("bundled"));
        assertEquals(CodecBackend.SYSTEM, AudioCodecs.choose("SYSTEM"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioCodecs.choose("ffmpeg"));
        assertTrue(e.getMessage().contains("'ffmpeg'"), e.getMessage());
    }

    @Test
    void aForcedBackendMakesItsOwnCodecs() throws Exception {
        AudioCodecs bundled = AudioCodecs.of(CodecBackend.BUNDLED);
        try (var enc = bundled.newAmrWbEncoder(8); var dec = bundled.newOpusDecoder()) {
            assertInstanceOf(BundledAmrWbEncoder.class, enc);
            assertInstanceOf(BundledOpusDecoder.class, dec);
        }
        AudioCodecs system = AudioCodecs.of(CodecBackend.SYSTEM);
        try (var enc = system.newOpusEncoder(); var dec = system.newAmrWbDecoder()) {
            assertInstanceOf(SystemOpusEncoder.class, enc);
            assertInstanceOf(SystemAmrWbDecoder.class, dec);
        }
    }

    @Test
    void anUnknownAmrWbModeIsRefusedByBothBackends() {
        for (CodecBackend b : CodecBackend.values()) {
            assertThrows(IllegalArgumentException.class, () -> AudioCodecs.of(b).newAmrWbEncoder(9), b.name());
        }
    }
}
