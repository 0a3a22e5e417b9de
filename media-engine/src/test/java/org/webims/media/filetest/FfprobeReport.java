package org.webims.media.filetest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Debian's ffprobe and ffmpeg (on PATH) say about a file: streams, duration, clean
 * decoding, seeking. The independent check of the files the recorder writes.
 */
public final class FfprobeReport {

    /** One stream as ffprobe lists it. */
    public record Stream(String codecType, String codecName, int width, int height, int sampleRate, int channels) {
    }

    /** A tool's exit code and what it wrote to stdout and stderr. */
    public record Run(int exitCode, String out, String err) {
    }

    private final List<Stream> streams;
    private final double durationSeconds;
    private final String formatName;

    private FfprobeReport(List<Stream> streams, double durationSeconds, String formatName) {
        this.streams = streams;
        this.durationSeconds = durationSeconds;
        this.formatName = formatName;
    }

    @SuppressWarnings("unchecked")
    public static FfprobeReport of(Path file) {
        Run run = run("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString());
        if (run.exitCode != 0) {
            throw new AssertionError("ffprobe failed on " + file + ": " + run.err);
        }
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(run.out);
        List<Stream> streams = new ArrayList<>();
        for (Object o : (List<Object>) json.getOrDefault("streams", List.of())) {
            Map<String, Object> s = (Map<String, Object>) o;
            streams.add(new Stream(str(s.get("codec_type")), str(s.get("codec_name")), num(s.get("width")),
                    num(s.get("height")), num(s.get("sample_rate")), num(s.get("channels"))));
        }
        Map<String, Object> format = (Map<String, Object>) json.getOrDefault("format", Map.of());
        Object duration = format.get("duration");
        return new FfprobeReport(streams, duration == null ? Double.NaN : Double.parseDouble(str(duration)),
                str(format.get("format_name")));
    }

    public List<Stream> streams() { return streams; }
    public double durationSeconds() { return durationSeconds; }
    public String formatName() { return formatName; }

    public Stream stream(String codecType) {
        return streams.stream().filter(s -> s.codecType.equals(codecType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + codecType + " stream in " + streams));
    }

    /** {@code ffmpeg -v error -i file -f null -}: decodes everything, errors on stderr. */
    public static Run decode(Path file) {
        return run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
    }

    /** Frame times ffprobe decodes in {@code -read_intervals from%+1} of one stream type ("v", "a"). */
    public static List<Double> framesFrom(Path file, String streamType, int fromSeconds) {
        Run run = run("ffprobe", "-v", "error", "-read_intervals", fromSeconds + "%+1", "-select_streams",
                streamType, "-show_entries", "frame=pts_time", "-of", "csv=p=0", file.toString());
        return times(run);
    }

    /** Times of the video key frames in the file, in seconds, in file order. */
    public static List<Double> keyFrameTimes(Path file) {
        Run run = run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", file.toString());
        List<Double> out = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            String[] parts = line.trim().split(",");
            if (parts.length >= 2 && parts[1].contains("K") && !parts[0].equals("N/A")) {
                out.add(Double.parseDouble(parts[0]));
            }
        }
        return out;
    }

    /**
     * Whether a seek to {@code seconds} lands on a video key frame: the first frame ffprobe decodes
     * there is one of the file's key frames, and not the file's first one when a later key frame
     * lies at or before the target (a file its demuxer cannot seek in is read from its start; a
     * Matroska file without cues still seeks, by scanning). Returns why not, or null.
     */
    public static String seekFault(Path file, int seconds) {
        List<Double> keys = keyFrameTimes(file);
        List<Double> frames = framesFrom(file, "v", seconds);
        if (keys.isEmpty() || frames.isEmpty()) {
            return "no key frames " + keys + " or no frames after seeking to " + seconds + " s " + frames;
        }
        double first = frames.get(0);
        boolean onKey = keys.stream().anyMatch(k -> Math.abs(k - first) < 0.002);
        boolean laterKeyBeforeTarget = keys.stream().anyMatch(k -> k > keys.get(0) + 0.002 && k <= seconds);
        if (!onKey || (laterKeyBeforeTarget && Math.abs(first - keys.get(0)) < 0.002)) {
            return "seeking to " + seconds + " s began at " + first + " s; key frames at " + keys;
        }
        return null;
    }

    /** The end of the last packet in the file, in seconds (works on files without an index). */
    public static double lastPacketEnd(Path file) {
        Run run = run("ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0",
                file.toString());
        double end = 0;
        for (String line : run.out.split("\n")) {
            String[] parts = line.trim().split(",");
            if (parts.length >= 1 && !parts[0].isEmpty() && !parts[0].equals("N/A")) {
                double pts = Double.parseDouble(parts[0]);
                double dur = parts.length > 1 && !parts[1].equals("N/A") ? Double.parseDouble(parts[1]) : 0;
                end = Math.max(end, pts + dur);
            }
        }
        return end;
    }

    /** Number of packets of one stream type ("v", "a"). */
    public static int packetCount(Path file, String streamType) {
        Run run = run("ffprobe", "-v", "error", "-select_streams", streamType, "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", file.toString());
        return times(run).size();
    }

    private static List<Double> times(Run run) {
        List<Double> out = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            String t = line.trim().replace(",", "");
            if (!t.isEmpty() && !t.equals("N/A")) {
                out.add(Double.parseDouble(t));
            }
        }
        return out;
    }

    public static Run run(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            byte[][] streams = new byte[2][];
            Thread err = new Thread(() -> {
                try {
                    streams[1] = p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
                }
            });
            err.start();
            streams[0] = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            err.join();
            return new Run(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                    new String(streams[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String str(Object o) {
        return o == null ? null : o instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : o.toString();
    }

    private static int num(Object o) {
        if (o == null) {
            return 0;
        }
        return o instanceof Double d ? d.intValue() : (int) Double.parseDouble(o.toString());
    }
}
