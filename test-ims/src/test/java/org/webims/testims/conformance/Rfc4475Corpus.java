package org.webims.testims.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The RFC 4475 torture messages, read byte-exact from the repository's {@code conformance/rfc4475}
 * (a copy of the shared conformance folder); {@code -Dwebims.conformance=DIR} names another.
 */
final class Rfc4475Corpus {
    private static final Path RELATIVE = Path.of("conformance", "rfc4475");

    private Rfc4475Corpus() {
    }

    static Path directory() {
        String explicit = System.getProperty("webims.conformance");
        if (explicit != null && !explicit.isBlank()) {
            return requireCorpus(Path.of(explicit));
        }
        String root = System.getProperty("webims.root");
        if (root == null) {
            throw new IllegalStateException("system property webims.root is not set (run the tests through Maven)");
        }
        return requireCorpus(Path.of(root).toAbsolutePath().normalize().resolve(RELATIVE));
    }

    private static Path requireCorpus(Path dir) {
        if (!Files.isRegularFile(dir.resolve("README.md"))) {
            throw new IllegalStateException("webims.conformance=" + dir + " holds no RFC 4475 corpus");
        }
        return dir;
    }

    /** The message names (file names without .dat), sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".dat"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(directory().resolve(name + ".dat"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
