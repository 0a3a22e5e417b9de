package org.webims.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webims.media.filetest.FfprobeReport;

/**
 * A recording process killed with SIGKILL leaves a file that still plays up to at most two
 * seconds before the kill: fragments and clusters reach the disk every second.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ContainerProfile.class, names = {"WEBM", "MP4", "MKV"})
    void killedRecorderLeavesAPlayableFileMissingAtMostTwoSeconds(ContainerProfile profile) throws Exception {
        Path file = dir.resolve("killed." + profile.name().toLowerCase());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName(), profile.name(),
                file.toString())
                .redirectErrorStream(true).start();
        long wallMs;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("STARTED"));
            assertEquals("STARTED", line, "child started recording");
            long started = System.nanoTime();
            Thread.sleep(5_000);
            wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }

        FfprobeReport probe = FfprobeReport.of(file);
        assertEquals(2, probe.streams().size(), probe.streams().toString());
        double media = FfprobeReport.lastPacketEnd(file);
        assertTrue(media >= wallMs / 1000.0 - 2, "media " + media + " s after " + wallMs + " ms of recording");
        FfprobeReport.Run decode = FfprobeReport.decode(file);
        assertEquals(0, decode.exitCode(), decode.err());
        // The cut may leave the last block half written; anything else is a real decoding error.
        String errors = decode.err().lines()
                .filter(l -> !l.contains("ended prematurely") && !l.contains("partial file"))
                .collect(Collectors.joining("\n"));
        assertEquals("", errors);
    }
}
