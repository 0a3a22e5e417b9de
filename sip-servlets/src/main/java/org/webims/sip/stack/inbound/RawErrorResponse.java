package org.webims.sip.stack.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The answer to a request that never reaches the parser: its Via, From, To, Call-ID and CSeq
 * fields copied as they came (RFC 3261 §8.2.6.2), a To tag added, no body. Where the request has
 * no Via there is nowhere to send one (RFC 4475 §3: silence where no response can be built).
 */
public final class RawErrorResponse {
    private static final Pattern TO_TAG = Pattern.compile(";\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);

    private RawErrorResponse() {
    }

    /** The bytes of the answer to the request {@code scanner} just read, or null where none can be sent. */
    public static byte[] to(HeaderBlockScanner scanner, byte[] buf, Defect defect) {
        if (!scanner.isRequest() || scanner.viaCount() == 0 || isAck(scanner, buf)) {
            return null; // responses are never answered; nor is an ACK (RFC 3261 §17.2.1)
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        ascii(out, "SIP/2.0 " + defect.status() + " " + defect.reason() + "\r\n");
        for (int i = 0; i < scanner.viaCount(); i++) {
            line(out, buf, scanner.viaStart(i), scanner.viaEnd(i));
        }
        line(out, buf, scanner.fromStart(), scanner.fromEnd());
        if (scanner.toStart() >= 0) {
            out.write(buf, scanner.toStart(), scanner.toEnd() - scanner.toStart());
            String to = new String(buf, scanner.toStart(), scanner.toEnd() - scanner.toStart(), StandardCharsets.ISO_8859_1);
            int close = to.lastIndexOf('>');
            if (!TO_TAG.matcher(close < 0 ? to : to.substring(close)).find()) {
                ascii(out, ";tag=wi" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            }
            ascii(out, "\r\n");
        }
        line(out, buf, scanner.callIdStart(), scanner.callIdEnd());
        line(out, buf, scanner.cseqStart(), scanner.cseqEnd());
        ascii(out, "Content-Length: 0\r\n\r\n");
        return out.toByteArray();
    }

    private static boolean isAck(HeaderBlockScanner scanner, byte[] buf) {
        int s = scanner.messageStart();
        return s + 4 <= buf.length && buf[s] == 'A' && buf[s + 1] == 'C' && buf[s + 2] == 'K' && buf[s + 3] == ' ';
    }

    private static void line(ByteArrayOutputStream out, byte[] buf, int from, int to) {
        if (from >= 0) {
            out.write(buf, from, to - from);
            ascii(out, "\r\n");
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
