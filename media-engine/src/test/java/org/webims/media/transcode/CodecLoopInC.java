package org.webims.media.transcode;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The audio-transcode bench's third subject (decision 0064): {@link BareTranscodeLoop}'s codec work
 * on the same frames, run by {@code bench/audio-codec-loop.c}, a C program calling the same system
 * libraries with no JVM. It runs as a child process that keeps its codec states from one round to
 * the next, as the bare loop does; each {@link #run} asks it for N frames and reads back its thread
 * CPU per frame. The script builds it with gcc and names it in {@code -Dbench.cCodecLoop}; without
 * that the bench has no C figure.
 */
final class CodecLoopInC implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final Path frames;

    private CodecLoopInC(Process process, Path frames) {
        this.process = process;
        this.frames = frames;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** The C loop over these far-end frames, or null when the script built none (no gcc). */
    static CodecLoopInC startIfBuilt(List<byte[]> opusPackets, List<byte[]> amrFrames) throws IOException {
        String binary = System.getProperty("bench.cCodecLoop");
        if (binary == null || binary.isEmpty()) {
            return null;
        }
        Path file = Files.createTempFile("audio-codec-loop", ".frames");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < opusPackets.size(); i++) {
                byte[] amr = amrFrames.get(i % amrFrames.size());
                out.writeShort(opusPackets.get(i).length);
                out.write(opusPackets.get(i));
                out.writeShort(amr.length);
                out.write(amr);
            }
        }
        Process p = new ProcessBuilder(binary, file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new CodecLoopInC(p, file);
    }

    /** Thread CPU µs per 20 ms of one call (both directions) over the next {@code frameCount} frames. */
    double run(int frameCount) throws IOException {
        commands.write(frameCount + "\n");
        commands.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("bench/audio-codec-loop ended" + (process.isAlive() ? "" : "; exit " + process.exitValue()));
        }
        return Double.parseDouble(line.trim());
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        Files.deleteIfExists(frames);
    }
}
