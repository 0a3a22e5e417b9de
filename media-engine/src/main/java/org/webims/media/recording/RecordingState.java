package org.webims.media.recording;

/** What a writer is doing, as Kurento's Recording, Paused and Stopped events report it. */
public enum RecordingState {
    RECORDING,
    PAUSED,
    STOPPED
}
