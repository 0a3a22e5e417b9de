package org.webims.media.playback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.filetest.EncodedFrame;
import org.webims.media.filetest.FfprobeReport;
import org.webims.media.filetest.FrameFeeder;
import org.webims.media.filetest.RecordingEvents;
import org.webims.media.filetest.TestEncoders;
import org.webims.media.filetest.WavFiles;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.recording.MediaFileWriter;
import org.webims.media.recording.TrackCodec;
import org.webims.media.recording.TrackSpec;

/** Files the recorder wrote, and WAV files, read back frame by frame. */
class MediaFileReaderTest {

    private static final long END = 5_000_000;

    @TempDir
    static Path dir;

    private static List<EncodedFrame> opus;
    private static List<EncodedFrame> amrWb;
    private static List<EncodedFrame> vp8;
    private static Path webm;
    private static Path mp4Amr;
    private static Path mp4Aac;
    private static Path mkv;

    @BeforeAll
    static void writeFiles() throws Exception {
        opus = TestEncoders.opus(5);
        amrWb = TestEncoders.amrWb(5);
        vp8 = TestEncoders.vp8(5);
        List<EncodedFrame> h264 = TestEncoders.h264(5);
        webm = record("rt.webm", ContainerProfile.WEBM, List.of(TrackSpec.opus(1), TrackSpec.vp8()), opus, vp8);
        mp4Amr = record("rt.mp4", ContainerProfile.MP4, List.of(TrackSpec.h264(), TrackSpec.amrWb()), amrWb, h264);
        mkv = record("rt.mkv", ContainerProfile.MKV, List.of(TrackSpec.h264(), TrackSpec.amrWb()), amrWb, h264);
        mp4Aac = dir.resolve("aac.mp4");
        MediaFileWriter w = new MediaFileWriter(mp4Aac, ContainerProfile.MP4,
                List.of(TrackSpec.h264(), TrackSpec.aacFromPcm(16_000, 1)), new RecordingEvents(),
                org.webims.media.recording.WriterSettings.defaults().withQueueCapacity(1024));
        w.start();
        FrameFeeder.feedPcm(w, TestEncoders.tone(16_000, 5), 16_000, h264, 0, END);
        assertTrue(w.stopAndWait(Duration.ofSeconds(30)));
    }

    private static Path record(String name, ContainerProfile profile, List<TrackSpec> tracks,
                               List<EncodedFrame> audio, List<EncodedFrame> video) throws Exception {
        Path file = dir.resolve(name);
        MediaFileWriter w = new MediaFileWriter(file, profile, tracks, new RecordingEvents(),
                org.webims.media.recording.WriterSettings.defaults().withQueueCapacity(1024));
        w.start();
        FrameFeeder.feed(w, audio, video, 0, END);
        assertTrue(w.stopAndWait(Duration.ofSeconds(30)));
        return file;
    }

    @Test
    void webmGivesBackTheOpusAndVp8FramesThatWereWritten() throws Exception {
        List<FileFrame> frames = readAll(webm);
        List<byte[]> video = bytesOf(frames, TrackCodec.VP8);
        assertEquals(vp8.size(), video.size());
        for (int i = 0; i < video.size(); i++) {
            assertArrayEquals(vp8.get(i).data(), video.get(i), "VP8 frame " + i);
        }
        List<byte[]> audio = bytesOf(frames, TrackCodec.OPUS);
        assertEquals(FfprobeReport.packetCount(webm, "a"), audio.size());
        // The writer starts the file at the first keyframe (t=0): the opus frame before it is gone.
        assertArrayEquals(opus.get(1).data(), audio.get(0));
        assertEquals(5.0, endSeconds(frames), 0.3);
        assertTrue(frames.stream().filter(f -> f.track().codec() == TrackCodec.VP8).findFirst().orElseThrow().keyframe());
    }

    @Test
    void mp4GivesAnnexBH264WithParameterSetsOnKeyframesAndAmrWbFrames() throws Exception {
        assertAnnexBAndAmr(mp4Amr);
    }

    @Test
    void mkvGivesAnnexBH264WithParameterSetsOnKeyframesAndAmrWbFrames() throws Exception {
        assertAnnexBAndAmr(mkv);
    }

    private void assertAnnexBAndAmr(Path file) throws Exception {
        try (MediaFileReader reader = MediaFileReader.open(file)) {
            assertEquals(List.of(TrackCodec.H264, TrackCodec.AMR_WB),
                    reader.tracks().stream().map(FileTrack::codec).toList());
            assertEquals(TestEncoders.WIDTH, reader.tracks().get(0).width());
        }
        List<FileFrame> frames = readAll(file);
        List<FileFrame> video = frames.stream().filter(f -> f.track().codec() == TrackCodec.H264).toList();
        assertEquals(125, video.size());
        for (FileFrame f : video) {
            byte[] b = f.bytes();
            assertTrue(b[0] == 0 && b[1] == 0 && (b[2] == 1 || b[2] == 0 && b[3] == 1), "Annex-B start code");
            if (f.keyframe()) {
                assertTrue(hasNal(b, 7) && hasNal(b, 8), "SPS and PPS in front of an IDR");
            }
        }
        List<byte[]> audio = bytesOf(frames, TrackCodec.AMR_WB);
        assertEquals(FfprobeReport.packetCount(file, "a"), audio.size());
        // The frame at t=0 came just before the first keyframe (also t=0) and was dropped.
        assertArrayEquals(amrWb.get(1).data(), audio.get(0));
        assertArrayEquals(amrWb.get(audio.size()).data(), audio.get(audio.size() - 1));
        assertEquals(5.0, endSeconds(frames), 0.3);
    }

    @Test
    void aacComesOutAsTwentyMillisecondPcmFrames() throws Exception {
        List<FileFrame> frames = readAll(mp4Aac);
        List<FileFrame> pcm = frames.stream().filter(f -> f.track().codec() == TrackCodec.PCM_S16).toList();
        assertEquals(16_000, pcm.get(0).track().clockRate());
        for (int i = 0; i < pcm.size() - 1; i++) {
            assertEquals(640, pcm.get(i).length(), "320 samples of 16-bit mono");
        }
        long samples = pcm.stream().mapToLong(f -> f.length() / 2).sum();
        assertEquals(5.0, samples / 16_000.0, 0.3);
    }

    @Test
    void wavGivesItsPcmExactlyInTwentyMillisecondFrames() throws Exception {
        short[] samples = new short[2 * (8_000 + 30)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 7 - 30_000);
        }
        Path wav = WavFiles.write(dir.resolve("ramp.wav"), 8_000, 2, samples);
        List<FileFrame> frames = readAll(wav);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            FileFrame f = frames.get(i);
            assertEquals(TrackCodec.PCM_S16, f.track().codec());
            assertEquals(2, f.track().channels());
            assertEquals(i * 20_000L, f.timeUs());
            if (i < frames.size() - 1) {
                assertEquals(160 * 2 * 2, f.length());
            }
            all.writeBytes(f.bytes());
        }
        assertEquals(51, frames.size(), "50 full frames and the 30 samples left");
        assertArrayEquals(WavFiles.littleEndian(samples), all.toByteArray());
    }

    @Test
    void wavAtAnyRateUsesItsOwnRate() throws Exception {
        Path wav = WavFiles.write(dir.resolve("cd.wav"), 44_100, 1, TestEncoders.tone(44_100, 0.5));
        List<FileFrame> frames = readAll(wav);
        assertEquals(44_100, frames.get(0).track().clockRate());
        assertEquals(882 * 2, frames.get(0).length());
    }

    @Test
    void setPositionContinuesFromTheKeyframeBeforeIt() throws Exception {
        try (MediaFileReader reader = MediaFileReader.open(webm)) {
            assertEquals(5_000, reader.durationMs(), 300);
            reader.setPosition(3_500);
            FileFrame f = new FileFrame();
            do {
                assertTrue(reader.readFrame(f));
            } while (f.track().codec() != TrackCodec.VP8);
            assertTrue(f.keyframe());
            assertEquals(3_000_000, f.timeUs(), 40_000);
        }
    }

    @Test
    void missingFileIsATypedErrorNamingThePath() {
        Path missing = dir.resolve("nope.webm");
        MediaFileException e = assertThrows(MediaFileException.class, () -> MediaFileReader.open(missing));
        assertEquals(MediaFileException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(missing.toString()));
    }

    @Test
    void garbageFileIsATypedErrorNotACrash() throws Exception {
        Path junk = dir.resolve("junk.webm");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(junk, noise);
        MediaFileException e = assertThrows(MediaFileException.class, () -> MediaFileReader.open(junk));
        assertEquals(MediaFileException.Reason.UNRECOGNIZED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("junk.webm"), e.getMessage());
    }

    static List<FileFrame> readAll(Path file) throws MediaFileException {
        List<FileFrame> out = new ArrayList<>();
        try (MediaFileReader reader = MediaFileReader.open(file)) {
            FileFrame f = new FileFrame();
            while (reader.readFrame(f)) {
                FileFrame copy = new FileFrame();
                System.arraycopy(f.data(), 0, copy.buffer(f.length()), 0, f.length());
                copy.set(f.track(), f.length(), f.timeUs(), f.durationUs(), f.keyframe());
                out.add(copy);
            }
        }
        assertFalse(out.isEmpty(), "frames in " + file);
        return out;
    }

    private static List<byte[]> bytesOf(List<FileFrame> frames, TrackCodec codec) {
        return frames.stream().filter(f -> f.track().codec() == codec).map(FileFrame::bytes).toList();
    }

    private static double endSeconds(List<FileFrame> frames) {
        return frames.stream().mapToLong(f -> f.timeUs() + f.durationUs()).max().orElse(0) / 1e6;
    }

    private static boolean hasNal(byte[] b, int type) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1 && (b[i + 3] & 0x1f) == type) {
                return true;
            }
        }
        return false;
    }
}
