package org.webims.sip.container.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a deployed application's files are: its folder (the one given, or an archive unpacked
 * to a temporary folder) and how errors name them (an archive's files show as
 * {@code app.sar!/WEB-INF/sip.xml}).
 */
record ApplicationLayout(Path root, String displayPrefix, boolean unpacked) {

    static ApplicationLayout open(Path folderOrArchive) throws DeploymentException {
        Path path = folderOrArchive.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return new ApplicationLayout(path, path + "/", false);
        }
        if (!Files.isRegularFile(path)) {
            throw new DeploymentException(path.toString(), 0, "no such folder or archive");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".sar") || name.endsWith(".war") || name.endsWith(".jar"))) {
            throw new DeploymentException(path.toString(), 0, "not an application folder nor a .sar, .war or .jar archive");
        }
        return new ApplicationLayout(ArchiveUnpacker.unpack(path), path + "!/", true);
    }

    Path sipXml() {
        return root.resolve("WEB-INF").resolve("sip.xml");
    }

    Path classes() {
        return root.resolve("WEB-INF").resolve("classes");
    }

    /** WEB-INF/lib/*.jar by file name, so scanning order does not depend on the file system. */
    List<Path> libraryJars() throws DeploymentException {
        Path lib = root.resolve("WEB-INF").resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DeploymentException(display(lib), 0, "cannot list: " + e, e);
        }
    }

    /** How errors name a file of the application. */
    String display(Path file) {
        String relative = root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return displayPrefix + relative;
    }

    /** The folder or archive as given, for errors about the application as a whole. */
    String displayRoot() {
        return displayPrefix.substring(0, displayPrefix.length() - (unpacked ? 2 : 1));
    }

    /** Removes the unpacked copy of an archive; an exploded folder is the deployer's and stays. */
    void discard() {
        if (unpacked) {
            Folders.deleteRecursively(root);
        }
    }
}
