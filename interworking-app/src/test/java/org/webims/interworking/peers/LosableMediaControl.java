package org.webims.interworking.peers;

import java.util.concurrent.atomic.AtomicReference;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.MediaLossListener;
import org.webims.interworking.media.MediaUnavailableException;

/**
 * The real in-process media control, with a way for the test to announce that the last call's
 * media was lost: a stand-in for a remote media node dying (main's remote-media tests kill a real
 * node process; here only the application's handling is under test).
 */
public final class LosableMediaControl implements MediaControl {
    private final AtomicReference<MediaControl> delegate = new AtomicReference<>();
    private final AtomicReference<MediaLossListener> lastListener = new AtomicReference<>();

    public void delegateTo(MediaControl control) {
        delegate.set(control);
    }

    @Override
    public CallMedia createCall(MediaLossListener onLoss) throws MediaUnavailableException {
        lastListener.set(onLoss);
        return delegate.get().createCall(onLoss);
    }

    /** Tells the last call that its media is gone, as a media control does when its node dies. */
    public void loseMedia(String reason) {
        lastListener.get().mediaLost(reason);
    }
}
