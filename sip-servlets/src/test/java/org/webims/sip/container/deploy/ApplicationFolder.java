package org.webims.sip.container.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a real SIP application folder for a test: WEB-INF/sip.xml from text, compiled fixture
 * classes (package testapps) copied from the test output into WEB-INF/classes or a WEB-INF/lib
 * jar, and the folder zipped as a .sar.
 */
final class ApplicationFolder {
    private static final Path TEST_CLASSES = testClasses();

    private final Path root;

    private ApplicationFolder(Path root) {
        this.root = root;
    }

    static ApplicationFolder in(Path root) {
        return new ApplicationFolder(root);
    }

    Path root() {
        return root;
    }

    Path sipXmlPath() {
        return root.resolve("WEB-INF/sip.xml");
    }

    ApplicationFolder sipXml(String text) {
        write(sipXmlPath(), text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Copies classes (by binary name, e.g. "testapps.annotated.package-info") into WEB-INF/classes. */
    ApplicationFolder classes(String... binaryNames) {
        for (String name : binaryNames) {
            write(root.resolve("WEB-INF/classes").resolve(classFile(name)), classBytes(name));
        }
        return this;
    }

    ApplicationFolder classes(Class<?>... types) {
        return classes(Stream.of(types).map(Class::getName).toArray(String[]::new));
    }

    /** Writes WEB-INF/lib/{jarName} holding those classes. */
    ApplicationFolder libraryJar(String jarName, String... binaryNames) {
        Path jar = root.resolve("WEB-INF/lib").resolve(jarName);
        try {
            Files.createDirectories(jar.getParent());
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                for (String name : binaryNames) {
                    zip.putNextEntry(new ZipEntry(classFile(name)));
                    zip.write(classBytes(name));
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Zips the folder's content into {@code archive} (a .sar), as a packaged application. */
    Path zipTo(Path archive) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive));
                Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /** An archive with one entry of that name (to try names such as ../escape.txt). */
    static Path archiveWithEntry(Path archive, String entryName) {
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write("x".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /** The 1-based line of the first line of {@code text} containing {@code marker}. */
    static int lineOf(String text, String marker) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line contains " + marker);
    }

    private static String classFile(String binaryName) {
        return binaryName.replace('.', '/') + ".class";
    }

    private static byte[] classBytes(String binaryName) {
        try {
            return Files.readAllBytes(TEST_CLASSES.resolve(classFile(binaryName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(ApplicationFolder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
