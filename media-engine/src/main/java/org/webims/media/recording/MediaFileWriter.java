package org.webims.media.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.pipeline.MediaType;

/**
 * Records encoded frames into one WebM, MP4 or MKV file (the file side of Kurento's
 * RecorderEndpoint).
 *
 * <p>Frame times are <b>microseconds on one clock shared by all tracks</b> of the writer (any
 * origin, e.g. the RTCP-synchronised capture clock): RTP timestamps of different streams have
 * unrelated origins and wrap, so the caller maps them first. The file starts at 0 on the first
 * video keyframe (the first frame for audio-only files); earlier frames are dropped.
 *
 * <p>The {@code write*} methods copy the frame into a preallocated slot of a bounded queue and
 * return at once; a writer thread muxes it. With the queue full the frame is dropped and
 * counted. The caller never blocks and never sees an I/O error: those stop the recording and
 * reach the {@link RecordingListener}. {@link #pause()} cuts the paused time out of the file;
 * after {@link #resume()} the file continues at the next video keyframe.
 */
public final class MediaFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFileWriter.class);
    private static final int NEW = 0;
    private static final int RECORDING = 1;
    private static final int PAUSED = 2;
    private static final int STOPPING = 3;
    private static final int STOPPED = 4;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long STOP_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long KEYFRAME_REQUEST_US = 1_000_000;

    private final Path path;
    private final ContainerProfile profile;
    private final List<TrackSpec> tracks;
    private final RecordingListener listener;
    private final WriterSettings settings;
    private final int audioTrack;
    private final int videoTrack;
    private final FrameQueue queue;
    private final Queue<RecordingState> announcements = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private volatile int state = NEW;
    private volatile int segment;
    private volatile long written;
    private Thread thread;

    public MediaFileWriter(Path path, ContainerProfile profile, List<TrackSpec> tracks, RecordingListener listener) {
        this(path, profile, tracks, listener, WriterSettings.defaults());
    }

    public MediaFileWriter(Path path, ContainerProfile profile, List<TrackSpec> tracks, RecordingListener listener,
                           WriterSettings settings) {
        this.path = path;
        this.profile = profile;
        this.tracks = List.copyOf(tracks);
        this.listener = listener;
        this.settings = settings;
        int audio = -1;
        int video = -1;
        for (int i = 0; i < this.tracks.size(); i++) {
            TrackSpec t = this.tracks.get(i);
            if (!profile.accepts(t.codec())) {
                throw new IllegalArgumentException(profile + " cannot hold " + t.codec());
            }
            if (t.mediaType() == MediaType.AUDIO) {
                if (audio >= 0) {
                    throw new IllegalArgumentException("one audio track at most");
                }
                audio = i;
            } else {
                if (video >= 0) {
                    throw new IllegalArgumentException("one video track at most");
                }
                video = i;
            }
        }
        if (this.tracks.isEmpty()) {
            throw new IllegalArgumentException("a recording needs a track");
        }
        this.audioTrack = audio;
        this.videoTrack = video;
        this.queue = new FrameQueue(settings.queueCapacity(), settings.initialFrameBytes());
    }

    public Path path() { return path; }

    /** Opens the file on the writer thread; RECORDING (or a failure) is reported from there. */
    public synchronized void start() {
        if (state != NEW) {
            throw new IllegalStateException("already started: " + path);
        }
        state = RECORDING;
        announcements.add(RecordingState.RECORDING);
        thread = new Thread(this::run, "media-file-writer " + path.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** An Opus packet or AMR-WB storage-format frame; false if not queued (dropped, paused). */
    public boolean writeAudio(byte[] data, int offset, int length, long timestampUs) {
        if (audioTrack < 0 || tracks.get(audioTrack).codec() == TrackCodec.AAC) {
            throw new IllegalStateException("no encoded audio track in " + path);
        }
        return offer(QueuedFrame.Kind.AUDIO, data, offset, length, timestampUs, false);
    }

    /** A VP8 frame or H.264 Annex-B access unit; false if not queued (dropped, paused). */
    public boolean writeVideo(byte[] data, int offset, int length, long timestampUs, boolean keyframe) {
        if (videoTrack < 0) {
            throw new IllegalStateException("no video track in " + path);
        }
        return offer(QueuedFrame.Kind.VIDEO, data, offset, length, timestampUs, keyframe);
    }

    /**
     * Interleaved 16-bit PCM for the AAC track, {@code count} samples over all channels; its
     * first sample at {@code timestampUs}. False if not queued (dropped, paused).
     */
    public boolean writePcm(short[] samples, int offset, int count, long timestampUs) {
        if (audioTrack < 0 || tracks.get(audioTrack).codec() != TrackCodec.AAC) {
            throw new IllegalStateException("no AAC track in " + path);
        }
        if (state != RECORDING) {
            return false;
        }
        QueuedFrame slot = queue.claim();
        if (slot == null) {
            dropped.incrementAndGet();
            return false;
        }
        byte[] buf = slot.ensureCapacity(count * 2);
        for (int i = 0; i < count; i++) {
            short s = samples[offset + i];
            buf[2 * i] = (byte) s;
            buf[2 * i + 1] = (byte) (s >> 8);
        }
        fill(slot, QueuedFrame.Kind.PCM, count * 2, timestampUs, false);
        return true;
    }

    private boolean offer(QueuedFrame.Kind kind, byte[] data, int offset, int length, long timestampUs,
                          boolean keyframe) {
        if (state != RECORDING) {
            return false;
        }
        QueuedFrame slot = queue.claim();
        if (slot == null) {
            dropped.incrementAndGet();
            return false;
        }
        System.arraycopy(data, offset, slot.ensureCapacity(length), 0, length);
        fill(slot, kind, length, timestampUs, keyframe);
        return true;
    }

    private void fill(QueuedFrame slot, QueuedFrame.Kind kind, int length, long timestampUs, boolean keyframe) {
        slot.kind = kind;
        slot.length = length;
        slot.timestampUs = timestampUs;
        slot.keyframe = keyframe;
        slot.segment = segment;
        queue.publish(slot);
    }

    /** Stops taking frames; the time until {@link #resume()} is cut out of the file. */
    public synchronized void pause() {
        if (state == RECORDING) {
            state = PAUSED;
            announcements.add(RecordingState.PAUSED);
        }
    }

    public synchronized void resume() {
        if (state == PAUSED) {
            segment++;
            state = RECORDING;
            announcements.add(RecordingState.RECORDING);
        }
    }

    /** Finishes the file (index, durations) on the writer thread; returns at once. */
    public synchronized void stop() {
        if (state == NEW) {
            state = STOPPED;
            closed.countDown();
        } else if (state == RECORDING || state == PAUSED) {
            state = STOPPING;
        }
    }

    /** {@link #stop()}, then waits until the file is closed; false if that took too long. */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public RecordingState state() {
        // STOPPING still writes the queued frames: Kurento says Stopped once the file is closed.
        return switch (state) {
            case RECORDING, STOPPING -> RecordingState.RECORDING;
            case PAUSED -> RecordingState.PAUSED;
            default -> RecordingState.STOPPED;
        };
    }

    /** Frames dropped because the queue was full. */
    public long droppedFrames() { return dropped.get(); }

    /** Frames (or PCM blocks) that reached the file. */
    public long writtenFrames() { return written; }

    // ---- writer thread ----

    private void run() {
        MuxerSession session = null;
        FrameWriter frames = null;
        try {
            session = new MuxerSession(path, profile, tracks);
            frames = new FrameWriter(session);
            announce();
            long nextFlush = System.nanoTime() + settings.flushInterval().toNanos();
            long stopDeadline = 0;
            while (true) {
                // Flush on time even when frames never stop coming: what a crash may lose.
                if (System.nanoTime() - nextFlush >= 0) {
                    session.flush();
                    nextFlush = System.nanoTime() + settings.flushInterval().toNanos();
                }
                QueuedFrame f = queue.peek();
                if (f != null) {
                    try {
                        frames.write(f);
                    } finally {
                        queue.release(f);
                    }
                    continue;
                }
                announce();
                if (state == STOPPING) {
                    if (!queue.pending()) {
                        break;
                    }
                    // A producer claimed a slot before the stop and is still filling it.
                    long now = System.nanoTime();
                    stopDeadline = stopDeadline == 0 ? now + STOP_DRAIN_NANOS : stopDeadline;
                    if (now > stopDeadline) {
                        break;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            session.finish();
        } catch (MuxException e) {
            state = STOPPED;
            LOG.atWarn().addKeyValue("path", path).addKeyValue("reason", e.reason())
                    .log("recording failed: " + e.getMessage());
            safely(() -> listener.failed(e.reason(), e.getMessage()));
        } catch (RuntimeException | Error e) {
            state = STOPPED;
            LOG.atError().addKeyValue("path", path).setCause(e).log("recording failed");
            safely(() -> listener.failed(RecordingFailure.MUXER_ERROR, String.valueOf(e)));
        } finally {
            state = STOPPED;
            boolean empty = session != null && !session.hasMedia();
            if (session != null) {
                session.close();
            }
            if (empty) {
                deleteEmptyFile();
            }
            announcements.clear();
            safely(() -> listener.stateChanged(RecordingState.STOPPED));
            closed.countDown();
        }
    }

    private void announce() {
        RecordingState s;
        while ((s = announcements.poll()) != null) {
            RecordingState announced = s;
            safely(() -> listener.stateChanged(announced));
        }
    }

    // No frame ever started the file (no keyframe came): leave no unreadable empty file behind.
    private void deleteEmptyFile() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("path", path).log("cannot delete empty recording");
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("path", path).setCause(e).log("recording listener threw");
        }
    }

    /** Puts queued frames on the file's timeline and into the muxer. Writer thread only. */
    private final class FrameWriter {

        private final MuxerSession session;
        private final Timeline timeline;
        private long lastVideoInUs = Long.MIN_VALUE;
        private long videoFrameUs = 33_333;
        private int requestedSegment = -1;
        private long lastRequestUs;

        FrameWriter(MuxerSession session) {
            this.session = session;
            this.timeline = new Timeline(tracks.size(), videoTrack >= 0);
        }

        void write(QueuedFrame f) throws MuxException {
            boolean video = f.kind == QueuedFrame.Kind.VIDEO;
            int track = video ? videoTrack : audioTrack;
            boolean keyframe = f.keyframe;
            long durationUs = duration(f, track);
            int[] size = null;
            byte[] h264Config = null;
            if (video && keyframe && !session.headerWritten()) {
                TrackSpec spec = tracks.get(videoTrack);
                if (spec.codec() == TrackCodec.H264) {
                    h264Config = VideoKeyframes.h264ParameterSets(f.data, 0, f.length);
                    size = h264Config == null ? null : declaredOr(spec, VideoKeyframes.h264Size(f.data, 0, f.length));
                } else {
                    size = declaredOr(spec, VideoKeyframes.vp8Size(f.data, 0, f.length));
                }
                // A keyframe that cannot describe the stream cannot start the file.
                keyframe = size != null;
            }
            if (timeline.waiting(f.segment) && videoTrack >= 0) {
                requestKeyframe(f);
            }
            long out = timeline.map(track, f.timestampUs, durationUs, video, keyframe, f.segment);
            if (out == Timeline.DROP) {
                return;
            }
            if (!session.headerWritten()) {
                session.writeHeader(size, h264Config);
            }
            if (f.kind == QueuedFrame.Kind.PCM) {
                session.writePcm(track, f.data, 0, f.length, out);
            } else {
                session.write(track, f.data, 0, f.length, out, durationUs, video ? f.keyframe : true);
            }
            written++;
        }

        private long duration(QueuedFrame f, int track) {
            switch (f.kind) {
                case VIDEO -> {
                    long delta = f.timestampUs - lastVideoInUs;
                    if (lastVideoInUs != Long.MIN_VALUE && delta > 0 && delta < 1_000_000) {
                        videoFrameUs = delta;
                    }
                    lastVideoInUs = f.timestampUs;
                    return videoFrameUs;
                }
                case PCM -> {
                    TrackSpec spec = tracks.get(track);
                    return f.length / (2L * spec.channels()) * 1_000_000L / spec.sampleRate();
                }
                default -> {
                    return tracks.get(track).codec() == TrackCodec.OPUS
                            ? FrameDurations.opusUs(f.data, 0, f.length)
                            : FrameDurations.amrWbUs(f.data, 0, f.length);
                }
            }
        }

        private void requestKeyframe(QueuedFrame f) {
            if (requestedSegment != f.segment || f.timestampUs - lastRequestUs >= KEYFRAME_REQUEST_US) {
                requestedSegment = f.segment;
                lastRequestUs = f.timestampUs;
                safely(listener::keyframeNeeded);
            }
        }

        private int[] declaredOr(TrackSpec spec, int[] parsed) {
            return spec.width() > 0 && spec.height() > 0 ? new int[] {spec.width(), spec.height()} : parsed;
        }
    }
}
