package org.webims.media.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a recorder writes or a player reads: Kurento's URIs are {@code file:///abs/path}; a plain
 * path is taken as is. Other schemes (http, rtsp) are refused: this engine only does local files.
 */
public final class MediaUris {

    private MediaUris() {
    }

    /** The local file a URI or plain path names; IllegalArgumentException saying why if none. */
    public static Path toPath(String uriOrPath) {
        if (uriOrPath == null || uriOrPath.isBlank()) {
            throw new IllegalArgumentException("no URI given");
        }
        int colon = uriOrPath.indexOf(':');
        int slash = uriOrPath.indexOf('/');
        // "C:..." style or "name:x" without a slash before it is a scheme; "/a:b" is a path.
        boolean hasScheme = colon > 1 && (slash < 0 || colon < slash);
        if (!hasScheme) {
            try {
                return Path.of(uriOrPath);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("bad media path " + uriOrPath + ": " + e.getMessage(), e);
            }
        }
        URI uri;
        try {
            uri = new URI(uriOrPath);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad media URI " + uriOrPath + ": " + e.getMessage(), e);
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("unsupported URI scheme '" + uri.getScheme() + "' in "
                    + uriOrPath + ": only file:// URIs and paths");
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // Path.of(URI) refuses file URIs with a host, query or fragment (file://host/x).
            throw new IllegalArgumentException("bad file URI " + uriOrPath + ": " + e.getMessage(), e);
        }
    }
}
