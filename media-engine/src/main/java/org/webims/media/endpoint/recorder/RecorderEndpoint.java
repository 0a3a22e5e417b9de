package org.webims.media.endpoint.recorder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.endpoint.MediaUris;
import org.webims.media.endpoint.UriEndpointState;
import org.webims.media.endpoint.UriEndpointStateChanged;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SinkPad;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.recording.MediaFileWriter;
import org.webims.media.recording.RecordingFailure;
import org.webims.media.recording.RecordingListener;
import org.webims.media.recording.RecordingState;
import org.webims.media.recording.TrackCodec;
import org.webims.media.recording.WriterSettings;

/**
 * Kurento's RecorderEndpoint: records what reaches its sink pads into a file. It has a sink pad
 * for each media type of its {@link RecordingProfile}, taking the payload formats the profile
 * stores (the pipeline transcodes anything else in front of it), and no source pads.
 *
 * <p>{@link #record()} opens the file (the folder must exist: a missing one is an {@code Error}
 * event, as are disk errors later) and raises {@link Recording}; {@link #pause()} cuts the time
 * until the next {@code record()} out of the file ({@link Paused}); {@link #stop()} finalizes the
 * file and raises {@link Stopped} once it is closed, {@link #stopAndWait()} waits for that.
 * Releasing the element stops and finalizes too, so nothing already recorded is lost. With a
 * video track the file starts on a video keyframe, which the recorder asks its source for.
 * A profile with both tracks needs both fed (as in Kurento: use an *_AUDIO_ONLY or *_VIDEO_ONLY
 * profile for one medium).
 */
public final class RecorderEndpoint extends MediaElement {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderEndpoint.class);
    /** Keyframe requests upstream at most this often (each is a PLI at a WebRTC sender). */
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path path;
    private final RecordingProfile profile;
    private final WriterSettings writerSettings;
    private final AtomicLong lastKeyframeRequest = new AtomicLong();
    private volatile MediaFileWriter writer;
    private volatile UriEndpointState state = UriEndpointState.STOP;

    public RecorderEndpoint(MediaPipeline pipeline, String uri, RecordingProfile profile) {
        this(pipeline, MediaUris.toPath(uri), profile, WriterSettings.defaults());
    }

    public RecorderEndpoint(MediaPipeline pipeline, Path path, RecordingProfile profile) {
        this(pipeline, path, profile, WriterSettings.defaults());
    }

    public RecorderEndpoint(MediaPipeline pipeline, Path path, RecordingProfile profile, WriterSettings settings) {
        super(pipeline, "RecorderEndpoint");
        this.path = path;
        this.profile = profile;
        this.writerSettings = settings;
        lastKeyframeRequest.set(System.nanoTime() - KEYFRAME_REQUEST_INTERVAL_NANOS);
        for (MediaType type : MediaType.values()) {
            TrackCodec codec = profile.codec(type);
            if (codec != null) {
                SinkPad pad = addSinkPad(type, new TrackInput(codec, () -> writer, this::requestKeyframe));
                pad.setAcceptedFormats(profile.acceptedFormats(type));
            }
        }
    }

    public Path path() { return path; }

    /** The file as a {@code file://} URI, as Kurento's {@code getUri}. */
    public String getUri() { return path.toAbsolutePath().toUri().toString(); }

    public RecordingProfile profile() { return profile; }

    public UriEndpointState getState() { return state; }

    /**
     * Starts recording, or resumes after {@link #pause()}. After a stop it starts a new recording
     * that replaces the file.
     */
    public synchronized void record() {
        if (isReleased()) {
            throw new IllegalStateException(id() + " has been released");
        }
        MediaFileWriter current = writer;
        if (current != null && current.state() == RecordingState.PAUSED) {
            current.resume();
            setState(UriEndpointState.START);
            return;
        }
        if (current != null && current.state() == RecordingState.RECORDING && state == UriEndpointState.START) {
            return;
        }
        if (current != null) {
            // The previous recording must be closed before the file is opened again.
            awaitClosed(current, DEFAULT_STOP_TIMEOUT);
        }
        MediaFileWriter fresh = new MediaFileWriter(path, profile.container(), profile.tracks(),
                new Listener(), writerSettings);
        writer = fresh;
        setState(UriEndpointState.START);
        fresh.start();
        LOG.atDebug().addKeyValue("recorder", id()).addKeyValue("path", path).log("recording");
    }

    /** Stops taking media; the time until the next {@link #record()} is cut out of the file. */
    public synchronized void pause() {
        MediaFileWriter current = writer;
        if (current != null && state == UriEndpointState.START) {
            current.pause();
            setState(UriEndpointState.PAUSE);
        }
    }

    /** Finalizes the file on the writer's thread and returns at once; {@link Stopped} follows. */
    public synchronized void stop() {
        MediaFileWriter current = writer;
        if (current != null) {
            current.stop();
        }
        setState(UriEndpointState.STOP);
    }

    /** Stops and waits until the file is finalized (Kurento's {@code stopAndWait}). */
    public void stopAndWait() {
        if (!stopAndWait(DEFAULT_STOP_TIMEOUT)) {
            LOG.atWarn().addKeyValue("recorder", id()).addKeyValue("path", path)
                    .log("recording not finalized in time");
        }
    }

    /** Stops and waits until the file is finalized; false if that took longer than {@code timeout}. */
    public boolean stopAndWait(Duration timeout) {
        MediaFileWriter current;
        synchronized (this) {
            stop();
            current = writer;
        }
        return current == null || awaitClosed(current, timeout);
    }

    private static boolean awaitClosed(MediaFileWriter w, Duration timeout) {
        try {
            return w.stopAndWait(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Frames the writer dropped because its queue was full (the disk could not keep up). */
    public long droppedFrames() {
        MediaFileWriter current = writer;
        return current == null ? 0 : current.droppedFrames();
    }

    @Override
    protected void onRelease() {
        // Links are gone: what was queued is written and the file finalized before we return.
        stopAndWait();
    }

    // The writer wants a keyframe (start, resume) or a frame was lost: ask upstream, not too often.
    private void requestKeyframe() {
        long now = System.nanoTime();
        long last = lastKeyframeRequest.get();
        if (now - last >= KEYFRAME_REQUEST_INTERVAL_NANOS && lastKeyframeRequest.compareAndSet(last, now)) {
            SinkPad video = sinkPad(MediaType.VIDEO);
            if (video != null) {
                video.requestKeyframe();
            }
        }
    }

    private void setState(UriEndpointState next) {
        if (state != next) {
            state = next;
            emit(new UriEndpointStateChanged(this, next));
        }
    }

    /** Hears one writer; on its thread. */
    private final class Listener implements RecordingListener {

        @Override
        public void stateChanged(RecordingState recordingState) {
            switch (recordingState) {
                case RECORDING -> emit(new Recording(RecorderEndpoint.this));
                case PAUSED -> emit(new Paused(RecorderEndpoint.this));
                case STOPPED -> emit(new Stopped(RecorderEndpoint.this));
            }
        }

        @Override
        public void failed(RecordingFailure reason, String description) {
            // No lock: record() may hold it while waiting for this very writer to close.
            setState(UriEndpointState.STOP);
            emit(new MediaErrorEvent(RecorderEndpoint.this, RecorderErrors.typeOf(reason), description));
        }

        @Override
        public void keyframeNeeded() {
            requestKeyframe();
        }
    }
}
