package org.webims.media.endpoint.player;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.endpoint.MediaUris;
import org.webims.media.endpoint.UriEndpointState;
import org.webims.media.endpoint.UriEndpointStateChanged;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.playback.FileFrame;
import org.webims.media.playback.FileTrack;
import org.webims.media.playback.MediaFileException;
import org.webims.media.playback.MediaFileReader;
import org.webims.media.playback.PlaybackPacer;
import org.webims.media.playback.PlaybackSink;

/**
 * Kurento's PlayerEndpoint: plays a WebM, MP4, MKV or WAV file in real time out of an audio and a
 * video source pad. Opus, AMR-WB (octet-aligned), VP8 and H.264 (packetization-mode 1) leave as
 * RTP payloads of the file's frames, untouched; other audio (WAV, AAC) leaves decoded, as 20 ms L16
 * packets at the file's rate, and the pipeline transcodes to whatever the sink needs. The first
 * track of each media type plays; others are ignored.
 *
 * <p>The file is opened by {@link #play()} (or {@link #getVideoInfo()}): a missing, unreadable or
 * damaged file gives an {@code Error} event, never an exception on a media thread. Frames are
 * paced on the engine's scheduler. At the end comes {@link EndOfStream} (with looping off); the
 * next {@code play()} starts over. RTP timestamps and sequence numbers stay continuous across
 * pause, seek and loop, so a receiver sees one stream.
 *
 * <p>Keyframe requests from downstream are counted and otherwise ignored: the file's own keyframes
 * (typically every one to few seconds) come anyway, and seeking back to the previous keyframe
 * would replay media the receiver already showed and shift the position under the application.
 */
public final class PlayerEndpoint extends MediaElement {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerEndpoint.class);

    private final Path path;
    private final boolean loop;
    private final AtomicLong keyframeRequests = new AtomicLong();
    private final FrameOutput output = new FrameOutput();
    private MediaFileReader reader;
    private PlaybackPacer pacer;
    private volatile TrackOutput[] byTrack = new TrackOutput[0];
    private volatile long durationMs = -1;
    private volatile boolean ended;
    private volatile UriEndpointState state = UriEndpointState.STOP;

    public PlayerEndpoint(MediaPipeline pipeline, String uri) {
        this(pipeline, MediaUris.toPath(uri), false);
    }

    public PlayerEndpoint(MediaPipeline pipeline, Path path) {
        this(pipeline, path, false);
    }

    /** @param loop start over at the end of the file instead of ending */
    public PlayerEndpoint(MediaPipeline pipeline, Path path, boolean loop) {
        super(pipeline, "PlayerEndpoint");
        this.path = path;
        this.loop = loop;
        UpstreamControl control = new UpstreamControl() {
            @Override public void requestKeyframe() { keyframeRequests.incrementAndGet(); }
            @Override public void limitBitrate(long bitsPerSecond) { }
        };
        addSourcePad(MediaType.AUDIO, control);
        addSourcePad(MediaType.VIDEO, control);
    }

    public Path path() { return path; }

    public String getUri() { return path.toAbsolutePath().toUri().toString(); }

    public UriEndpointState getState() { return state; }

    /** Keyframe requests that reached the player (not served: see the class comment). */
    public long keyframeRequests() { return keyframeRequests.get(); }

    /** Starts playing, resumes after {@link #pause()}, or starts over after the end or a stop. */
    public synchronized void play() {
        if (isReleased()) {
            throw new IllegalStateException(id() + " has been released");
        }
        if (state == UriEndpointState.START) {
            return;
        }
        if (state == UriEndpointState.PAUSE) {
            output.resumed();
            pacer.resume();
            setState(UriEndpointState.START);
            return;
        }
        if (!ensureOpen()) {
            return;
        }
        if (ended) {
            ended = false;
            if (!seek(0)) {
                return;
            }
        }
        setState(UriEndpointState.START);
        pacer.start();
    }

    public synchronized void pause() {
        if (state == UriEndpointState.START) {
            pacer.pause();
            setState(UriEndpointState.PAUSE);
        }
    }

    /** Stops sending; the next {@link #play()} starts from the beginning. */
    public synchronized void stop() {
        if (pacer != null && state != UriEndpointState.STOP) {
            pacer.stop();
            ended = true;
        }
        setState(UriEndpointState.STOP);
    }

    /** Jumps to {@code ms} into the file (the keyframe at or before it); an Error event if it cannot. */
    public synchronized void setPosition(long ms) {
        if (!ensureOpen()) {
            return;
        }
        ended = false;
        seek(ms);
    }

    /** Where playback is in the file, in milliseconds (within the file when looping). */
    public long getPosition() {
        long us = output.positionUs();
        long ms = us < 0 ? 0 : us / 1000;
        long duration = durationMs;
        return loop && duration > 0 ? ms % duration : ms;
    }

    /** The file's duration and seekable range, opening it if need be. */
    public synchronized VideoInfo getVideoInfo() throws MediaFileException {
        if (reader == null) {
            open();
        }
        boolean seekable = durationMs > 0;
        return new VideoInfo(seekable, 0, seekable ? durationMs : 0, Math.max(0, durationMs));
    }

    @Override
    protected synchronized void onRelease() {
        if (pacer != null) {
            pacer.stop();
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
        state = UriEndpointState.STOP;
    }

    private boolean ensureOpen() {
        if (reader != null) {
            return true;
        }
        try {
            open();
            return true;
        } catch (MediaFileException e) {
            fail(e);
            return false;
        }
    }

    private void open() throws MediaFileException {
        MediaFileReader opened = MediaFileReader.open(path);
        TrackOutput[] outputs = new TrackOutput[opened.tracks().size()];
        boolean[] taken = new boolean[MediaType.values().length];
        for (FileTrack track : opened.tracks()) {
            int type = track.mediaType().ordinal();
            if (!taken[type]) {
                taken[type] = true;
                outputs[track.index()] = new TrackOutput(track, sourcePad(track.mediaType()));
            }
        }
        reader = opened;
        durationMs = opened.durationMs();
        byTrack = outputs;
        output.rebase();
        pacer = new PlaybackPacer(opened, pipeline().engine().scheduler(), output, loop);
        for (TrackOutput o : outputs) {
            if (o != null) {
                o.pad().setFormat(o.format());
            }
        }
        LOG.atDebug().addKeyValue("player", id()).addKeyValue("path", path)
                .addKeyValue("tracks", opened.tracks().size()).log("file opened");
    }

    private boolean seek(long ms) {
        try {
            output.rebase();
            pacer.setPosition(ms);
            return true;
        } catch (MediaFileException e) {
            fail(e);
            return false;
        }
    }

    private void fail(MediaFileException e) {
        LOG.atDebug().addKeyValue("player", id()).addKeyValue("reason", e.reason()).log("cannot play");
        setState(UriEndpointState.STOP);
        emit(new MediaErrorEvent(this, PlayerErrors.typeOf(e.reason()), e.getMessage()));
    }

    private void setState(UriEndpointState next) {
        if (state != next) {
            state = next;
            emit(new UriEndpointStateChanged(this, next));
        }
    }

    /**
     * Receives paced frames on the scheduler thread and sends them out. File times become the
     * player's timeline: after a seek (or a new start) the next frame continues where the last one
     * ended, so RTP timestamps never jump back. Each packet's {@code receivedNanos} is when its
     * frame was due, not when it went out: files interleave tracks in chunks (an MP4 fragment
     * holds a second of video, then that second of audio), so one track's frames can leave late
     * in a burst, and a recorder aligning tracks by arrival would shift them apart.
     */
    private final class FrameOutput implements PlaybackSink {

        private volatile boolean rebase = true;
        private volatile boolean rebaseDue = true;
        private long offsetUs;
        private long dueBaseNanos;
        private volatile long positionUs = -1;

        void rebase() {
            rebase = true;
            rebaseDue = true;
        }

        /** After a pause the timeline goes on where it was, but later in real time. */
        void resumed() {
            rebaseDue = true;
        }

        long positionUs() {
            return positionUs;
        }

        @Override
        public void frame(FileFrame frame) {
            TrackOutput[] outputs = byTrack;
            int index = frame.track().index();
            TrackOutput out = index < outputs.length ? outputs[index] : null;
            if (out == null) {
                return;
            }
            if (rebase) {
                rebase = false;
                long end = 0;
                for (TrackOutput o : outputs) {
                    if (o != null) {
                        end = Math.max(end, o.endUs());
                    }
                }
                offsetUs = end - frame.timeUs();
            }
            long timeUs = frame.timeUs() + offsetUs;
            if (rebaseDue) {
                rebaseDue = false;
                dueBaseNanos = System.nanoTime() - timeUs * 1000;
            }
            positionUs = frame.timeUs();
            out.send(frame, timeUs, dueBaseNanos + timeUs * 1000);
        }

        // No player lock here: play() and pause() hold it while calling into the pacer, whose
        // lock the pacer holds while calling us.
        @Override
        public void endOfStream() {
            ended = true;
            setState(UriEndpointState.STOP);
            emit(new EndOfStream(PlayerEndpoint.this));
        }

        @Override
        public void failed(MediaFileException error) {
            ended = true;
            fail(error);
        }
    }
}
