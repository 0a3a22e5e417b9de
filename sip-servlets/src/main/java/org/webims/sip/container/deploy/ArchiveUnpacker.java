package org.webims.sip.container.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Unpacks a .sar/.war/.jar into a new temporary folder, refusing entries that would land outside it. */
final class ArchiveUnpacker {

    private ArchiveUnpacker() {
    }

    static Path unpack(Path archive) throws DeploymentException {
        Path target;
        try {
            target = Files.createTempDirectory("webims-app-").toRealPath();
        } catch (IOException e) {
            throw new DeploymentException(archive.toString(), 0, "cannot create a folder to unpack into: " + e, e);
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target) || destination.equals(target)) {
                    // "zip slip": ../ or absolute entry names
                    throw new DeploymentException(archive + "!/" + entry.getName(), 0, "entry escapes the archive's folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            Folders.deleteRecursively(target);
            throw new DeploymentException(archive.toString(), 0, "cannot unpack archive: " + e, e);
        } catch (DeploymentException | RuntimeException e) {
            Folders.deleteRecursively(target);
            throw e;
        }
    }
}
