package org.webims.media.codec;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: reads the codec libraries' own code and tables (their file mappings: text, read-only and static
 * data) one load per cache line, so that after a worker's sleep they come back through the
 * prefetcher into the unified L2 instead of one instruction-fetch or table miss at a time
 * (decision 0055, {@code BareAudioPacingCheck}). Shared by every call on a thread: once per round, not per call.
 */
public final class CodecLibraryWarmer {

    private final List<CodecStateWarmer> ranges;

    private CodecLibraryWarmer(List<CodecStateWarmer> ranges) {
        this.ranges = ranges;
    }

    /** The readable mappings of this process whose file name starts with one of {@code libraries}, e.g. "libopus.so.0". */
    public static CodecLibraryWarmer of(String... libraries) {
        List<CodecStateWarmer> ranges = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                // start-end perms offset dev inode path (proc(5))
                String[] f = line.trim().split("\\s+", 6);
                if (f.length < 6 || f[1].charAt(0) != 'r' || !named(f[5], libraries)) {
                    continue;
                }
                String[] span = f[0].split("-");
                long start = Long.parseUnsignedLong(span[0], 16);
                ranges.add(CodecStateWarmer.of(new Pointer(start), Long.parseUnsignedLong(span[1], 16) - start));
            }
        } catch (IOException | RuntimeException e) {
            ranges.clear();
        }
        return new CodecLibraryWarmer(List.copyOf(ranges));
    }

    private static boolean named(String path, String[] libraries) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        for (String l : libraries) {
            if (file.startsWith(l)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes each {@link #warm()} covers. */
    public long bytes() {
        return ranges.stream().mapToLong(CodecStateWarmer::bytes).sum();
    }

    /** One load per cache line of every mapping. */
    public void warm() {
        for (CodecStateWarmer r : ranges) {
            r.warm();
        }
    }
}
