package org.webims.testims.ua.media;

import java.util.Arrays;

/**
 * Sends back what the UA decoded, frame by frame, from the moment it is {@linkplain #echo bound}:
 * an echo test user. Silence while nothing new has arrived (the echo then falls behind a little,
 * never ahead); past what is kept, it starts again from the newest audio.
 */
public final class EchoSource implements AudioSource {
    private volatile ReceivedAudio from;
    private long cursor = -1;

    /** Echoes {@code received} (the same call's decoded audio) from now on. */
    public void echo(ReceivedAudio received) {
        this.from = received;
    }

    @Override
    public void next(short[] frame) {
        ReceivedAudio r = from;
        if (r == null) {
            Arrays.fill(frame, (short) 0);
            return;
        }
        if (cursor < 0) {
            cursor = r.totalSamples();
        }
        int n = r.read(cursor, frame);
        if (n == frame.length) {
            cursor += n;
            return;
        }
        if (n < 0) {
            cursor = r.totalSamples();
        }
        Arrays.fill(frame, (short) 0);
    }
}
