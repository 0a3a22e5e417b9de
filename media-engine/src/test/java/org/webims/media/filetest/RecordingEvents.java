package org.webims.media.filetest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.media.recording.RecordingFailure;
import org.webims.media.recording.RecordingListener;
import org.webims.media.recording.RecordingState;

/** Keeps what a writer reported, for assertions. */
public final class RecordingEvents implements RecordingListener {

    public final List<RecordingState> states = new CopyOnWriteArrayList<>();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    public volatile RecordingFailure failure;
    public volatile int keyframeRequests;

    @Override
    public void stateChanged(RecordingState state) {
        states.add(state);
    }

    @Override
    public void failed(RecordingFailure reason, String description) {
        failure = reason;
        failures.add(reason + ": " + description);
    }

    @Override
    public void keyframeNeeded() {
        keyframeRequests++;
    }
}
