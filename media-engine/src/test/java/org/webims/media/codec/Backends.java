package org.webims.media.codec;

import java.util.stream.Stream;

/** The codec back-ends that load on this machine, for parameterized tests: bundled always, system when installed. */
public final class Backends {

    private Backends() {
    }

    public static Stream<AudioCodecs> available() {
        return SystemCodecLibraries.available()
                ? Stream.of(AudioCodecs.of(CodecBackend.SYSTEM), AudioCodecs.of(CodecBackend.BUNDLED))
                : Stream.of(AudioCodecs.of(CodecBackend.BUNDLED));
    }
}
