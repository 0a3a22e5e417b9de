package org.webims.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The demo phone's files, read once from the gateway jar's {@code web/} folder: the page, its
 * script, the JsSIP bundle the build made from the npm registry (with its licence), and
 * {@code call.html}, the smallest page a web developer would write to call through the gateway.
 */
public final class DemoPage {

    /** One file: its bytes and media type. */
    public record File(byte[] bytes, String contentType) {
    }

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html"},
            "/index.html", new String[] {"index.html", "text/html"},
            "/call.html", new String[] {"call.html", "text/html"},
            "/phone.js", new String[] {"phone.js", "text/javascript"},
            "/jssip.js", new String[] {"jssip.min.js", "text/javascript"},
            "/jssip-LICENSE.md", new String[] {"jssip-LICENSE.md", "text/plain"});

    private final Map<String, File> files;

    private DemoPage(Map<String, File> files) {
        this.files = files;
    }

    /** Reads every file; a jar built without the JsSIP bundle fails here, at start, not on first request. */
    public static DemoPage fromClassPath() {
        Map<String, File> loaded = new java.util.HashMap<>();
        FILES.forEach((path, spec) -> loaded.put(path, new File(read("web/" + spec[0]), spec[1])));
        return new DemoPage(Map.copyOf(loaded));
    }

    private static byte[] read(String resource) {
        try (InputStream in = DemoPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the gateway jar has no " + resource
                        + " (build the gateway module with node and npm installed: bin/setup)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The file served at {@code path}, or null. */
    public File file(String path) {
        return files.get(path);
    }
}
