package org.webims.media.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real-world SDPs under src/test/resources/sdp, stored with LF and served with CRLF as on the wire. */
public final class SdpFixtures {

    public static final String CHROME_OFFER = "chrome-offer.sdp";
    public static final String JSSIP_OFFER = "jssip-offer.sdp";
    public static final String MTSI_VOLTE_OFFER = "mtsi-volte-offer.sdp";
    public static final String MTSI_VIDEO_OFFER = "mtsi-video-offer.sdp";
    public static final String SDES_OFFER = "sdes-offer.sdp";

    private SdpFixtures() {
    }

    public static String crlf(String name) {
        return lf(name).replace("\n", "\r\n");
    }

    public static String lf(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SessionDescription parse(String name) {
        try {
            return SessionDescription.parse(crlf(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
