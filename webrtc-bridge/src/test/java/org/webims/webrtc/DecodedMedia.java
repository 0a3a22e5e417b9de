package org.webims.webrtc;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webims.media.filetest.FfprobeReport;

/** What Debian's ffmpeg decodes from a recorded file: the audio's loudness and the video frames. */
record DecodedMedia(double meanVolumeDb, double maxVolumeDb, int videoFrames, int width, int height) {

    private static final Pattern MEAN = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");
    private static final Pattern MAX = Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB");

    static DecodedMedia of(Path file) {
        FfprobeReport.Run volume = FfprobeReport.run("ffmpeg", "-nostdin", "-hide_banner", "-i", file.toString(),
                "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-");
        FfprobeReport.Run frames = FfprobeReport.run("ffprobe", "-v", "error", "-count_frames", "-select_streams",
                "v:0", "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", file.toString());
        String[] v = frames.out().trim().split(",");
        if (frames.exitCode() != 0 || v.length < 3) {
            throw new AssertionError("ffprobe decoded no video from " + file + ": " + frames.err());
        }
        return new DecodedMedia(decibels(MEAN, volume), decibels(MAX, volume), Integer.parseInt(v[2].trim()),
                Integer.parseInt(v[0].trim()), Integer.parseInt(v[1].trim()));
    }

    private static double decibels(Pattern p, FfprobeReport.Run run) {
        Matcher m = p.matcher(run.err());
        if (!m.find()) {
            throw new AssertionError("ffmpeg measured no audio: " + run.err());
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }
}
