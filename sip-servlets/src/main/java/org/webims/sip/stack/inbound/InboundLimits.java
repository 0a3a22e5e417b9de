package org.webims.sip.stack.inbound;

import java.util.Properties;

/**
 * How much a peer may send before the stack refuses to read on: the largest message, the most
 * header fields, the longest line, and how long an incomplete message may sit on a stream.
 * The stack instantiates its hooks by class name, so the limits travel in the stack's own
 * properties ({@link #writeTo}, {@link #readFrom}).
 *
 * @param maxMessageBytes          the largest message, headers and body (RFC 3261 §21.5.14: 513 above it)
 * @param maxHeaders               the most header fields in one message
 * @param maxLineBytes             the longest physical line of the start line or header block
 * @param incompleteMessageMillis  how long a stream may hold a message that has begun but not ended
 *                                 (RFC 4475 §3.1.2.4: close "if none is forthcoming")
 */
public record InboundLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, long incompleteMessageMillis) {
    private static final String PREFIX = "org.webims.sip.inbound.";
    /** Far above a real IMS message (tens of fields), far below what would cost memory. */
    public static final int DEFAULT_MAX_HEADERS = 256;
    public static final int DEFAULT_MAX_LINE_BYTES = 8192;
    /**
     * 64*T1 at the default T1 (RFC 3261 §17.1.1.1): as long as a transaction would wait for an
     * answer. A setting of its own (sip.incomplete-message-seconds), not a T1 timer: it guards
     * against a peer that holds a stream open, and a smaller T1 gives no reason to cut a slow
     * sender off sooner (decision 0065).
     */
    public static final long DEFAULT_INCOMPLETE_MESSAGE_MILLIS = 32_000;

    public InboundLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes below 1024: " + maxMessageBytes);
        }
        if (maxHeaders < 16) {
            throw new IllegalArgumentException("maxHeaders below 16: " + maxHeaders);
        }
        if (maxLineBytes < 256 || maxLineBytes > maxMessageBytes) {
            throw new IllegalArgumentException("maxLineBytes outside 256.." + maxMessageBytes + ": " + maxLineBytes);
        }
        if (incompleteMessageMillis < 100) {
            throw new IllegalArgumentException("incompleteMessageMillis below 100: " + incompleteMessageMillis);
        }
    }

    /** The default header, line and incomplete-message limits with {@code maxMessageBytes}. */
    public static InboundLimits withDefaults(int maxMessageBytes) {
        return new InboundLimits(maxMessageBytes, DEFAULT_MAX_HEADERS,
                Math.min(DEFAULT_MAX_LINE_BYTES, maxMessageBytes), DEFAULT_INCOMPLETE_MESSAGE_MILLIS);
    }

    public void writeTo(Properties stackProperties) {
        stackProperties.setProperty(PREFIX + "MAX_MESSAGE_BYTES", Integer.toString(maxMessageBytes));
        stackProperties.setProperty(PREFIX + "MAX_HEADERS", Integer.toString(maxHeaders));
        stackProperties.setProperty(PREFIX + "MAX_LINE_BYTES", Integer.toString(maxLineBytes));
        stackProperties.setProperty(PREFIX + "INCOMPLETE_MESSAGE_MILLIS", Long.toString(incompleteMessageMillis));
    }

    /** The limits {@link #writeTo} put in {@code stackProperties}. */
    public static InboundLimits readFrom(Properties stackProperties) {
        try {
            return new InboundLimits(
                    Integer.parseInt(required(stackProperties, "MAX_MESSAGE_BYTES")),
                    Integer.parseInt(required(stackProperties, "MAX_HEADERS")),
                    Integer.parseInt(required(stackProperties, "MAX_LINE_BYTES")),
                    Long.parseLong(required(stackProperties, "INCOMPLETE_MESSAGE_MILLIS")));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("bad inbound limit in the stack properties: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(PREFIX + key);
        if (value == null) {
            throw new IllegalStateException("stack property " + PREFIX + key + " missing: start the stack through SipStackHost");
        }
        return value;
    }
}
