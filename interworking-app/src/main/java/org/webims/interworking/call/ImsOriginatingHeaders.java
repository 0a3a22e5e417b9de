package org.webims.interworking.call;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.servlet.sip.SipServletRequest;

/**
 * The identity and charging headers of an originating request toward the IMS: P-Asserted-Identity
 * with the web user's IMPU (RFC 3325 §9.1, TS 24.229 §5.7.3) and P-Charging-Vector with a fresh
 * icid-value and our orig-ioi (RFC 7315 §4.6). A stand-in until ims-profiles' header rules are on
 * main; they add P-Access-Network-Info, P-Served-User and privacy as the carrier profile says.
 */
final class ImsOriginatingHeaders {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ImsOriginatingHeaders() {
    }

    static void apply(SipServletRequest imsRequest, String impu, String domain) {
        imsRequest.setHeader("P-Asserted-Identity", "<" + impu + ">");
        imsRequest.setHeader("P-Charging-Vector", "icid-value=" + newIcid() + ";orig-ioi=" + domain);
    }

    /** RFC 7315 §4.6: an icid-value unique worldwide; 16 random bytes in hex. */
    static String newIcid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
