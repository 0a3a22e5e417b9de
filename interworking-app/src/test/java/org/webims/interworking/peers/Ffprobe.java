package org.webims.interworking.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/** FFmpeg's ffprobe (Debian's) reading a recorded file: its container duration and stream codecs. */
public final class Ffprobe {
    private Ffprobe() {
    }

    /** The file's duration in seconds, empty when ffprobe cannot read it (missing, unfinished, broken). */
    public static OptionalDouble duration(Path file) throws IOException, InterruptedException {
        String out = run(file, "format=duration");
        try {
            return out.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(out.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // "N/A"
        }
    }

    /** The codec names of the file's streams, comma-separated, as ffprobe prints them. */
    public static String codecs(Path file) throws IOException, InterruptedException {
        return run(file, "stream=codec_name").strip().replace('\n', ',');
    }

    private static String run(Path file, String entries) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", entries, "-of", "csv=p=0",
                file.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffprobe did not finish on " + file);
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
    }
}
