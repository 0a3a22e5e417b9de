package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Encodes a message for the wire with the same bytes as JAIN-SIP's {@code encodeAsBytes(transport)},
 * with one builder per thread and one array per message (the text is narrowed into it directly when
 * it is ASCII, as SIP's header fields nearly always are). JAIN-SIP grows a new builder per message,
 * copies it to a String, the String to bytes, the first line to a String and bytes of its own,
 * and then both into a third array. Every header still encodes itself with JAIN-SIP's own
 * {@code encode(StringBuilder)}, so the text is JAIN-SIP's by construction; a message whose body
 * names a charset other than UTF-8 (JAIN-SIP encodes the headers in it) is left to JAIN-SIP.
 */
public final class MessageEncoder {
    /** A builder that grew past this (a very large message) is not kept for the thread's next one. */
    private static final int KEPT_CAPACITY = 16 * 1024;
    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(2048));
    /** The text's characters, copied out of the builder to be narrowed to bytes in one pass. */
    private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[2048]);

    private MessageEncoder() {
    }

    /** The message as JAIN-SIP's {@code encodeAsBytes(transport)} encodes it, setting the top Via's transport as it does. */
    public static byte[] encode(SIPMessage message, String transport) {
        if (!utf8(message)) {
            return message.encodeAsBytes(transport); // JAIN-SIP encodes the headers in the body's charset
        }
        StringBuilder text = TEXT.get();
        text.setLength(0);
        if (!firstLine(message, text)) {
            return message.encodeAsBytes(transport); // keep-alive, or no first line: JAIN-SIP's answer
        }
        Via top = message.getTopmostVia();
        if (top == null) {
            return message.encodeAsBytes(transport); // JAIN-SIP fails the same way it always did
        }
        try {
            top.setTransport(transport); // JAIN-SIP's correction of an application's wrong Via transport
        } catch (ParseException e) {
            return message.encodeAsBytes(transport);
        }
        for (Iterator<SIPHeader> headers = message.getHeaders(); headers.hasNext(); ) {
            SIPHeader header = headers.next();
            if (!(header instanceof ContentLength)) {
                header.encode(text);
            }
        }
        ((ContentLength) message.getContentLength()).encode(text).append("\r\n"); // RFC 3261 §7: blank line
        byte[] content = message.getRawContent();
        int contentLength = content == null ? 0 : content.length;
        byte[] bytes = ascii(text, contentLength);
        if (bytes == null) {
            // JAIN-SIP writes the first line and, with the default charset, the headers in UTF-8
            byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
            bytes = contentLength == 0 ? head : Arrays.copyOf(head, head.length + contentLength);
        }
        if (contentLength > 0) {
            System.arraycopy(content, 0, bytes, bytes.length - contentLength, contentLength);
        }
        if (text.capacity() > KEPT_CAPACITY) {
            TEXT.set(new StringBuilder(2048));
            CHARS.set(new char[2048]);
        }
        return bytes;
    }

    /**
     * The text in its own array with room for the body after it, or null if it holds a character
     * outside ASCII (UTF-8 is then more than one byte a character). ASCII is its own UTF-8, so the
     * bytes are those of {@code getBytes(UTF_8)}, without the String and the second array between.
     */
    private static byte[] ascii(StringBuilder text, int room) {
        int length = text.length();
        char[] chars = CHARS.get();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
            CHARS.set(chars);
        }
        text.getChars(0, length, chars, 0);
        byte[] bytes = new byte[length + room];
        int all = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            all |= c;
            bytes[i] = (byte) c;
        }
        return all < 0x80 ? bytes : null;
    }

    /** The request or status line, as JAIN-SIP's {@code RequestLine.encode} and {@code StatusLine.encode} write it. */
    private static boolean firstLine(SIPMessage message, StringBuilder text) {
        if (message instanceof SIPRequest request) {
            RequestLine line = request.getRequestLine();
            if (request.isNullRequest() || line == null) {
                return false;
            }
            line.encode(text);
            return true;
        }
        if (message instanceof SIPResponse response) {
            StatusLine line = response.getStatusLine();
            if (line == null) {
                return false;
            }
            // StatusLine.encode() writes SIP/2.0 whatever its version field says
            text.append("SIP/2.0 ").append(line.getStatusCode());
            if (line.getReasonPhrase() != null) {
                text.append(' ').append(line.getReasonPhrase());
            }
            text.append("\r\n");
            return true;
        }
        return false;
    }

    /** Whether JAIN-SIP encodes this message's headers in UTF-8: the body's charset, else the default. */
    private static boolean utf8(SIPMessage message) {
        ContentType type = message.getContentTypeHeader();
        String charset = type == null ? null : type.getCharset();
        if (charset == null) {
            charset = MessageFactoryImpl.getDefaultContentEncodingCharset();
        }
        return "UTF-8".equalsIgnoreCase(charset);
    }
}
