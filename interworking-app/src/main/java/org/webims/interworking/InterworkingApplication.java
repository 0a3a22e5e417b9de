package org.webims.interworking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The interworking application as a deployable folder. Its classes live on the host's class
 * path (decision 0004 loads {@code org.webims.*} from the parent anyway), so the folder holds
 * only WEB-INF/sip.xml, written from this jar's copy.
 */
public final class InterworkingApplication {
    /** The descriptor inside this module's jar. */
    public static final String DESCRIPTOR_RESOURCE = "org/webims/interworking/sip.xml";
    /** The app-name in the descriptor. */
    public static final String NAME = "interworking";

    /**
     * Option tags the application itself handles, for the host to add to the container's Supported
     * list, so the container's Require check (RFC 3261 §8.2.2.3) lets them through: precondition
     * (RFC 3312 §11), negotiated per call as the carrier profile says.
     */
    public static final java.util.List<String> OPTION_TAGS = java.util.List.of("precondition");

    private InterworkingApplication() {
    }

    /** Writes the application folder under {@code parent} and returns it, ready to deploy. */
    public static Path writeFolder(Path parent) throws IOException {
        Path app = parent.resolve(NAME);
        Files.createDirectories(app.resolve("WEB-INF/classes"));
        try (InputStream in = InterworkingApplication.class.getClassLoader().getResourceAsStream(DESCRIPTOR_RESOURCE)) {
            if (in == null) {
                throw new IOException(DESCRIPTOR_RESOURCE + " missing from the class path");
            }
            Files.copy(in, app.resolve("WEB-INF/sip.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return app;
    }
}
