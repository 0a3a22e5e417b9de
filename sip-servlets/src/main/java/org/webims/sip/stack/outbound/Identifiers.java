package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPMessage;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.header.ViaHeader;

/**
 * Branch parameters and Call-IDs for what the container sends, in JAIN-SIP's shapes but without
 * its MD5 digest and lock per identifier. A branch is {@code z9hG4bK-SIGNATURE-} and 128 random
 * bits in hex, as JAIN-SIP's, so that its check of which stray responses are ours
 * ({@code Utils.responseBelongsToUs}) still holds; a Call-ID is 128 random bits in hex {@code @host}.
 */
public final class Identifiers {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** RFC 3261 §8.1.1.4 recommends cryptographically random Call-IDs; there is one per call. */
    private static final SecureRandom CALL_ID_RANDOM = new SecureRandom();
    private static final String BRANCH_PREFIX = "z9hG4bK-" + Utils.getSignature() + "-";

    private Identifiers() {
    }

    /** Makes JAIN-SIP's stack draw its own branches and Call-IDs here too (see {@link JainSipIdentifiers}). */
    public static void useInJainSip() {
        JainSipIdentifiers.install();
    }

    /**
     * A new branch (RFC 3261 §8.1.1.7: unique across space and time, with the magic cookie).
     * Not a secret: a transaction is matched by branch, sent-by and method, and the dialog's tags
     * (drawn from a SecureRandom) are what a stranger would have to guess.
     */
    public static String branch() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] text = new char[BRANCH_PREFIX.length() + 32];
        BRANCH_PREFIX.getChars(0, BRANCH_PREFIX.length(), text, 0);
        hex(random.nextLong(), text, BRANCH_PREFIX.length());
        hex(random.nextLong(), text, BRANCH_PREFIX.length() + 16);
        return new String(text);
    }

    /** A new Call-ID on {@code host} (RFC 3261 §8.1.1.4). */
    public static String callId(String host) {
        byte[] random = new byte[16];
        CALL_ID_RANDOM.nextBytes(random);
        StringBuilder text = new StringBuilder(33 + host.length());
        for (byte b : random) {
            text.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return text.append('@').append(host).toString();
    }

    /**
     * Gives the request's top Via a new branch where JAIN-SIP's provider would make one itself
     * when it creates the client transaction: none, or one without the magic cookie.
     */
    public static void brandTopVia(SIPMessage request) throws ParseException {
        ViaHeader top = request.getTopmostVia();
        if (top != null) {
            String branch = top.getBranch();
            if (branch == null || !branch.startsWith("z9hG4bK")) {
                top.setBranch(branch());
            }
        }
    }

    private static void hex(long value, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
