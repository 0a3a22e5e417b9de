package org.webims.testims.ua.media;

/** What an IMS UA sends: 20 ms of 16 kHz mono PCM at a time. */
@FunctionalInterface
public interface AudioSource {

    /** Fills {@code frame} (320 samples) with the next 20 ms. */
    void next(short[] frame);

    /** Silence. */
    static AudioSource silence() {
        return frame -> java.util.Arrays.fill(frame, (short) 0);
    }
}
