package org.webims.testims.core.charging;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

/**
 * P-Charging-Vector (RFC 7315 §4.6): a fresh, globally unique icid-value for each initial request
 * that has none yet (TS 24.229 §5.2.6.3.3 at the P-CSCF, §5.4.3.2 at the S-CSCF).
 */
public final class ChargingVectors {
    public static final String HEADER = "P-Charging-Vector";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HeaderFactory headers;
    private final String generatedAt;

    public ChargingVectors(HeaderFactory headers, String generatedAt) {
        this.headers = headers;
        this.generatedAt = generatedAt;
    }

    public static String newIcid() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Adds a P-Charging-Vector with a new icid-value unless {@code request} carries one. */
    public void ensureOn(Request request) throws java.text.ParseException {
        if (request.getHeader(HEADER) == null) {
            request.addHeader(headers.createHeader(HEADER,
                    "icid-value=" + newIcid() + ";icid-generated-at=" + generatedAt));
        }
    }
}
