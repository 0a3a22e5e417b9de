package org.webims.interworking.dtmf;

import java.util.Locale;

/**
 * The DTMF bodies of SIP INFO (RFC 2976 style, as JsSIP and most phones send them):
 * {@code application/dtmf-relay} with {@code Signal=} and {@code Duration=} lines, and
 * {@code application/dtmf} with the digit alone. Neither has an RFC; these are the forms in use.
 */
public final class DtmfInfoBody {

    public static final String DTMF_RELAY = "application/dtmf-relay";
    public static final String DTMF = "application/dtmf";
    /** What a 415 lists in Accept (RFC 3261 §21.4.13). */
    public static final String ACCEPTED = DTMF_RELAY + ", " + DTMF;
    /** When the body names no duration: the common default of phones and gateways. */
    public static final int DEFAULT_DURATION_MS = 250;
    static final int MAX_DURATION_MS = 8000;

    /** One digit and how long it was pressed. */
    public record Digit(char digit, int durationMs) implements java.io.Serializable {
    }

    private DtmfInfoBody() {
    }

    /** Whether INFO with this Content-Type (parameters aside) carries a digit we read. */
    public static boolean isDtmf(String contentType) {
        String type = mediaType(contentType);
        return DTMF_RELAY.equals(type) || DTMF.equals(type);
    }

    /**
     * Reads the digit of a DTMF body.
     *
     * @throws IllegalArgumentException saying what is wrong, for the reason phrase of a 400
     */
    public static Digit parse(String contentType, String body) {
        String text = body == null ? "" : body.trim();
        if (DTMF.equals(mediaType(contentType))) {
            return new Digit(digit(text), DEFAULT_DURATION_MS);
        }
        String signal = null;
        int duration = DEFAULT_DURATION_MS;
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue; // blank or unknown lines are skipped, as receivers do
            }
            String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            if (name.equals("signal")) {
                signal = value;
            } else if (name.equals("duration")) {
                duration = duration(value);
            }
        }
        if (signal == null) {
            throw new IllegalArgumentException("no Signal= line");
        }
        return new Digit(digit(signal), duration);
    }

    /** The dtmf-relay body of a digit, as we send it toward the web user. */
    public static String relayBody(char digit, int durationMs) {
        return "Signal=" + digit + "\r\nDuration=" + durationMs + "\r\n";
    }

    private static char digit(String value) {
        if (value.length() != 1 || "0123456789*#ABCD".indexOf(Character.toUpperCase(value.charAt(0))) < 0) {
            throw new IllegalArgumentException("Signal '" + value + "' is not a DTMF digit (0-9, *, #, A-D)");
        }
        return Character.toUpperCase(value.charAt(0));
    }

    private static int duration(String value) {
        try {
            int ms = Integer.parseInt(value);
            if (ms >= 1 && ms <= MAX_DURATION_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("Duration '" + value + "' is not 1.." + MAX_DURATION_MS + " ms");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
