package org.webims.sip.arquillian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.webims.sip.container.deploy.Folders;

/**
 * Writes ShrinkWrap archives out as application folders the container deploys, under one
 * temporary folder that {@link #deleteAll()} removes. An archive with a WEB-INF folder (a
 * WebArchive, or any archive laid out as a .sar) is exported exploded as it is; one without
 * (a JavaArchive of annotated classes) becomes the application's only library, WEB-INF/lib.
 */
final class ApplicationFolders {
    private final Path root;
    private final AtomicInteger sequence = new AtomicInteger();

    private ApplicationFolders(Path root) {
        this.root = root;
    }

    static ApplicationFolders createTemporary() throws IOException {
        return new ApplicationFolders(Files.createTempDirectory("webims-arquillian-"));
    }

    /** Exports {@code archive} to a new folder of its own and returns that folder. */
    Path export(Archive<?> archive) throws IOException {
        // one parent per deployment: archives of the same name may follow one another
        Path parent = Files.createDirectory(root.resolve(Integer.toString(sequence.incrementAndGet())));
        String name = archive.getName();
        if (archive.contains(ArchivePaths.create("WEB-INF"))) {
            return archive.as(ExplodedExporter.class).exportExploded(parent.toFile(), name).toPath();
        }
        Path folder = parent.resolve(name);
        Path lib = Files.createDirectories(folder.resolve("WEB-INF").resolve("lib"));
        String jarName = name.endsWith(".jar") ? name : name + ".jar";
        archive.as(ZipExporter.class).exportTo(lib.resolve(jarName).toFile());
        return folder;
    }

    /** Removes a folder {@link #export} made, with the parent made for it. */
    void delete(Path folder) {
        Path parent = folder.getParent();
        Folders.deleteRecursively(root.equals(parent.getParent()) ? parent : folder);
    }

    void deleteAll() {
        Folders.deleteRecursively(root);
    }
}
