package org.webims.sip.stack.inbound;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the start line and header block of one SIP message as bytes, before any parser sees it:
 * where the message ends (RFC 3261 §18.3 framing), whether it keeps to the {@link InboundLimits},
 * and the defects a parser would miss or report unclearly (RFC 4475 §3). Allocates nothing on a
 * sound message; one instance serves one thread (a datagram socket's reader, a stream's channel).
 *
 * <p>After {@link #scan} the offsets of the Via, From, To, Call-ID and CSeq fields are kept, so
 * that {@link RawErrorResponse} can answer a message that will never reach the parser.
 */
public final class HeaderBlockScanner {
    /** How the end of a message is found: by the datagram (UDP, a WebSocket message) or by Content-Length (TCP). */
    public enum Mode { DATAGRAM, STREAM }

    public enum Outcome {
        /** Only CRLFs: a keep-alive or padding between messages (RFC 5626 §4.4.1, RFC 3261 §7.5). */
        EMPTY,
        /** A stream that has not yet delivered the whole message. */
        INCOMPLETE,
        /** A whole message, from {@link #messageStart()} to {@link #messageEnd()}, fit to parse. */
        COMPLETE,
        /** A message with a {@link #defect()}. */
        DEFECTIVE
    }

    private static final long CSEQ_LIMIT = 1L << 31; // RFC 3261 §8.1.1.5: less than 2**31

    private final InboundLimits limits;
    private final int[] viaStart;
    private final int[] viaEnd;

    private byte[] buf;
    private int messageStart;
    private int headerEnd;
    private int messageEnd;
    private int contentLength;
    private boolean request;
    private Defect defect;
    private int viaCount;
    private int headerCount;
    private int fromStart, fromEnd, toStart, toEnd, callIdStart, callIdEnd, cseqStart, cseqEnd;
    private int methodStart, methodEnd, cseqMethodStart, cseqMethodEnd;
    private int contentLengthCount, contentTypeCount, maxForwardsCount;

    public HeaderBlockScanner(InboundLimits limits) {
        this.limits = limits;
        this.viaStart = new int[limits.maxHeaders() + 1];
        this.viaEnd = new int[limits.maxHeaders() + 1];
    }

    /** Scans the message that begins at {@code buf[start]}; bytes up to {@code end} have arrived. */
    public Outcome scan(byte[] buf, int start, int end, Mode mode) {
        reset(buf);
        int i = start;
        while (i < end && (buf[i] == '\r' || buf[i] == '\n')) {
            i++;
        }
        messageStart = i;
        messageEnd = i;
        if (i == end) {
            return Outcome.EMPTY;
        }
        boolean headersEnded = false;
        boolean firstLine = true;
        int headerAt = -1; // start of the header field being read, which continuation lines extend
        int headerTo = -1;
        int lineStart = i;
        while (lineStart < end) {
            int lf = indexOfLf(buf, lineStart, end);
            if (lf < 0) {
                if (end - lineStart > limits.maxLineBytes()) {
                    note(Defect.tooLarge("a line is longer than " + limits.maxLineBytes() + " bytes"));
                }
                if (mode == Mode.STREAM) {
                    return incompleteOrTooLarge(end);
                }
                lf = end; // a datagram's last line may lack its CRLF
            }
            int contentEnd = lf > lineStart && buf[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd - lineStart > limits.maxLineBytes()) {
                note(Defect.tooLarge("a line is longer than " + limits.maxLineBytes() + " bytes"));
            }
            int next = Math.min(lf + 1, end);
            if (contentEnd == lineStart) { // the empty line that ends the header block
                headerEnd = next;
                headersEnded = true;
                break;
            }
            if (firstLine) {
                startLine(lineStart, contentEnd);
                firstLine = false;
            } else if (buf[lineStart] == ' ' || buf[lineStart] == '\t') {
                if (headerAt < 0) {
                    note(Defect.badRequest("continuation line before any header"));
                } else {
                    headerTo = contentEnd; // RFC 3261 §7.3.1: folded onto the field before
                }
            } else {
                if (headerAt >= 0) {
                    header(headerAt, headerTo);
                }
                headerAt = lineStart;
                headerTo = contentEnd;
                if (++headerCount > limits.maxHeaders()) {
                    note(Defect.tooLarge("more than " + limits.maxHeaders() + " header fields"));
                }
            }
            lineStart = next;
            if (lf == end) {
                break;
            }
        }
        if (!headersEnded) {
            if (mode == Mode.STREAM) {
                return incompleteOrTooLarge(end);
            }
            headerEnd = end; // RFC 3261 §18.3: a datagram ends the message
        }
        if (headerAt >= 0) {
            header(headerAt, headerTo);
        }
        if (headerEnd - messageStart > limits.maxMessageBytes()) {
            note(Defect.tooLarge("header block larger than " + limits.maxMessageBytes() + " bytes"));
        }
        if (request) {
            requestChecks();
        }
        return frame(end, mode);
    }

    private Outcome frame(int end, Mode mode) {
        if (defect != null && defect.framingLost()) {
            messageEnd = end;
            return Outcome.DEFECTIVE;
        }
        if (contentLength < 0) {
            if (mode == Mode.STREAM) {
                // RFC 3261 §18.3, §20.14: Content-Length is mandatory on a stream; without it no end is known
                note(Defect.badFraming("no Content-Length on a stream transport"));
                messageEnd = end;
                return Outcome.DEFECTIVE;
            }
            messageEnd = end;
        } else if (mode == Mode.DATAGRAM) {
            if (contentLength > end - headerEnd) {
                note(Defect.badRequest("Content-Length larger than the message"));
                messageEnd = end;
            } else {
                messageEnd = headerEnd + contentLength; // RFC 3261 §18.3: the rest of the datagram is discarded
            }
        } else {
            long total = (long) headerEnd - messageStart + contentLength;
            if (total > limits.maxMessageBytes()) {
                note(Defect.tooLarge("message larger than " + limits.maxMessageBytes() + " bytes"));
                messageEnd = end;
                return Outcome.DEFECTIVE;
            }
            messageEnd = headerEnd + contentLength;
            if (messageEnd > end) {
                return Outcome.INCOMPLETE;
            }
        }
        if (messageEnd - messageStart > limits.maxMessageBytes()) {
            note(Defect.tooLarge("message larger than " + limits.maxMessageBytes() + " bytes"));
        }
        return defect == null ? Outcome.COMPLETE : Outcome.DEFECTIVE;
    }

    private Outcome incompleteOrTooLarge(int end) {
        if (defect != null && defect.framingLost()) {
            messageEnd = end;
            return Outcome.DEFECTIVE;
        }
        if (end - messageStart > limits.maxMessageBytes()) {
            note(Defect.tooLarge("header block larger than " + limits.maxMessageBytes() + " bytes"));
            messageEnd = end;
            return Outcome.DEFECTIVE;
        }
        return Outcome.INCOMPLETE;
    }

    private void startLine(int from, int to) {
        if (startsWith(from, to, "SIP/")) {
            request = false; // a response: the stack drops what it cannot match, nobody answers it
            return;
        }
        request = true;
        int end = trimEnd(from, to);
        int firstSpace = indexOf(buf, from, end, (byte) ' ');
        int lastSpace = lastIndexOf(buf, from, end, (byte) ' ');
        methodStart = from;
        methodEnd = firstSpace < 0 ? end : firstSpace;
        if (firstSpace < 0 || lastSpace == firstSpace) {
            note(Defect.badRequest("malformed Request-Line"));
            return;
        }
        int version = lastSpace + 1;
        if (!startsWithIgnoreCase(version, end, "SIP/")) {
            note(Defect.badRequest("no SIP-Version in the Request-Line"));
        } else if (!(end - version == 7 && startsWithIgnoreCase(version, end, "SIP/2.0"))) {
            note(new Defect(505, "Version Not Supported - only SIP/2.0", false)); // RFC 3261 §8.2.2, §21.5.6
        }
    }

    private void header(int from, int to) {
        int colon = indexOf(buf, from, to, (byte) ':');
        if (colon < 0) {
            note(Defect.badRequest("header line without a colon"));
            return;
        }
        int nameEnd = trimEnd(from, colon);
        if (nameEnd == from || !allTokenChars(from, nameEnd)) {
            note(Defect.badRequest("malformed header name"));
            return;
        }
        int value = colon + 1;
        switch (HeaderName.of(buf, from, nameEnd)) {
            case VIA -> {
                viaStart[viaCount] = from;
                viaEnd[viaCount] = to;
                viaCount++;
            }
            case FROM -> {
                if (once(fromStart, HeaderName.FROM)) {
                    fromStart = from;
                    fromEnd = to;
                    address(value, to, HeaderName.FROM);
                }
            }
            case TO -> {
                if (once(toStart, HeaderName.TO)) {
                    toStart = from;
                    toEnd = to;
                    address(value, to, HeaderName.TO);
                }
            }
            case CALL_ID -> {
                if (once(callIdStart, HeaderName.CALL_ID)) {
                    callIdStart = from;
                    callIdEnd = to;
                }
            }
            case CSEQ -> {
                if (once(cseqStart, HeaderName.CSEQ)) {
                    cseqStart = from;
                    cseqEnd = to;
                    cseq(value, to);
                }
            }
            case CONTENT_LENGTH -> {
                if (++contentLengthCount > 1) {
                    note(Defect.badFraming("more than one Content-Length header")); // RFC 4475 §3.3.9
                } else {
                    contentLength(value, to);
                }
            }
            case CONTENT_TYPE -> {
                if (++contentTypeCount > 1) {
                    note(Defect.badRequest("more than one Content-Type header"));
                }
            }
            case MAX_FORWARDS -> {
                if (++maxForwardsCount > 1) {
                    note(Defect.badRequest("more than one Max-Forwards header"));
                }
            }
            default -> { }
        }
    }

    /** RFC 3261 §7.3.1: From, To, Call-ID and CSeq appear once (RFC 4475 §3.3.8). */
    private boolean once(int seenAt, HeaderName name) {
        if (seenAt >= 0) {
            note(Defect.badRequest("more than one " + name.display + " header"));
            return false;
        }
        return true;
    }

    private void contentLength(int from, int to) {
        int p = skipLws(from, to);
        int end = trimEnd(p, to);
        if (p < end && buf[p] == '-') {
            note(Defect.badFraming("negative Content-Length")); // RFC 4475 §3.1.2.5: never an index
            return;
        }
        long value = 0;
        if (p == end) {
            note(Defect.badFraming("empty Content-Length"));
            return;
        }
        for (int i = p; i < end; i++) {
            byte b = buf[i];
            if (b < '0' || b > '9') {
                note(Defect.badFraming("Content-Length is not a number"));
                return;
            }
            value = value * 10 + (b - '0');
            if (value > limits.maxMessageBytes()) {
                note(Defect.tooLarge("Content-Length above " + limits.maxMessageBytes()));
                return;
            }
        }
        contentLength = (int) value;
    }

    private void cseq(int from, int to) {
        int p = skipLws(from, to);
        long number = 0;
        int digits = 0;
        while (p < to && buf[p] >= '0' && buf[p] <= '9') {
            number = number * 10 + (buf[p] - '0');
            if (number >= CSEQ_LIMIT) {
                note(Defect.badRequest("CSeq number not below 2**31"));
                return;
            }
            p++;
            digits++;
        }
        int method = skipLws(p, to);
        if (digits == 0 || method == p || method >= to) {
            note(Defect.badRequest("malformed CSeq"));
            return;
        }
        cseqMethodStart = method;
        cseqMethodEnd = trimEnd(method, to);
    }

    /**
     * RFC 3261 §25.1 name-addr: a display name is a quoted string or tokens (RFC 4475 §3.1.2.8),
     * and no LWS stands just inside the angle brackets (RFC 4475 §3.1.2.7).
     */
    private void address(int from, int to, HeaderName name) {
        int p = skipLws(from, to);
        if (p < to && buf[p] == '"') {
            p++;
            while (p < to && buf[p] != '"') {
                p += buf[p] == '\\' ? 2 : 1;
            }
            if (p >= to) {
                note(Defect.badRequest("unterminated quoted string in " + name.display + " header"));
                return;
            }
            p = skipLws(p + 1, to);
            if (p >= to || buf[p] != '<') {
                return; // the parser reports what else is wrong
            }
        } else {
            int open = indexOf(buf, p, to, (byte) '<');
            if (open < 0) {
                return; // addr-spec form
            }
            for (int i = p; i < open; i++) {
                byte b = buf[i];
                if (!isTokenChar(b) && !isLws(b)) {
                    note(Defect.badRequest("unquoted display name with non-token characters in "
                            + name.display + " header"));
                    return;
                }
            }
            p = open;
        }
        int close = indexOf(buf, p, to, (byte) '>');
        if (p + 1 < to && isLws(buf[p + 1]) || close > p + 1 && isLws(buf[close - 1])) {
            note(Defect.badRequest("spaces inside <> in " + name.display + " header"));
        }
    }

    private void requestChecks() {
        if (defect != null) {
            return;
        }
        List<String> missing = null;
        if (viaCount == 0) {
            missing = add(missing, "Via");
        }
        if (fromStart < 0) {
            missing = add(missing, "From");
        }
        if (toStart < 0) {
            missing = add(missing, "To");
        }
        if (callIdStart < 0) {
            missing = add(missing, "Call-ID");
        }
        if (cseqStart < 0) {
            missing = add(missing, "CSeq");
        }
        if (missing != null) {
            // RFC 3261 §8.1.1: Max-Forwards is left out, an RFC 2543 client does not send it (RFC 4475 §3.4.1)
            note(Defect.badRequest("missing " + String.join(", ", missing)
                    + (missing.size() == 1 ? " header" : " headers")));
            return;
        }
        if (!sameBytes(methodStart, methodEnd, cseqMethodStart, cseqMethodEnd)) {
            note(Defect.badRequest("CSeq method does not match")); // RFC 3261 §8.1.1.5
        }
    }

    private static List<String> add(List<String> list, String name) {
        List<String> l = list == null ? new ArrayList<>(5) : list;
        l.add(name);
        return l;
    }

    private void note(Defect d) {
        if (defect == null || d.framingLost() && !defect.framingLost()) {
            defect = d; // the first defect speaks, unless a later one ends the stream
        }
    }

    private void reset(byte[] b) {
        buf = b;
        headerEnd = -1;
        contentLength = -1;
        request = false;
        defect = null;
        viaCount = 0;
        headerCount = 0;
        fromStart = toStart = callIdStart = cseqStart = -1;
        fromEnd = toEnd = callIdEnd = cseqEnd = -1;
        methodStart = methodEnd = cseqMethodStart = cseqMethodEnd = -1;
        contentLengthCount = contentTypeCount = maxForwardsCount = 0;
    }

    // --- results ---------------------------------------------------------------------------

    public int messageStart() {
        return messageStart;
    }

    /** Where the message ends (for a datagram: where its Content-Length says, the rest discarded). */
    public int messageEnd() {
        return messageEnd;
    }

    public boolean isRequest() {
        return request;
    }

    public Defect defect() {
        return defect;
    }

    /** The Call-ID value, for keeping one call's messages on one thread; null if absent. */
    public String callId() {
        if (callIdStart < 0) {
            return null;
        }
        int colon = indexOf(buf, callIdStart, callIdEnd, (byte) ':');
        int p = skipLws(colon + 1, callIdEnd);
        return new String(buf, p, trimEnd(p, callIdEnd) - p, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    int viaCount() {
        return viaCount;
    }

    int viaStart(int i) {
        return viaStart[i];
    }

    int viaEnd(int i) {
        return viaEnd[i];
    }

    int fromStart() { return fromStart; }
    int fromEnd() { return fromEnd; }
    int toStart() { return toStart; }
    int toEnd() { return toEnd; }
    int callIdStart() { return callIdStart; }
    int callIdEnd() { return callIdEnd; }
    int cseqStart() { return cseqStart; }
    int cseqEnd() { return cseqEnd; }

    // --- bytes ------------------------------------------------------------------------------

    private boolean sameBytes(int aFrom, int aTo, int bFrom, int bTo) {
        if (aTo - aFrom != bTo - bFrom) {
            return false;
        }
        for (int i = 0; i < aTo - aFrom; i++) {
            if (buf[aFrom + i] != buf[bFrom + i]) {
                return false; // RFC 3261 §7.1: method names are case-sensitive
            }
        }
        return true;
    }

    private boolean startsWith(int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toUpperCase((char) (buf[from + i] & 0xff)) != Character.toUpperCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int skipLws(int from, int to) {
        int p = from;
        while (p < to && isLws(buf[p])) {
            p++;
        }
        return p;
    }

    private int trimEnd(int from, int to) {
        int e = to;
        while (e > from && isLws(buf[e - 1])) {
            e--;
        }
        return e;
    }

    private boolean allTokenChars(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isTokenChar(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** RFC 3261 §25.1 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
    static boolean isTokenChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '!' || b == '%' || b == '*' || b == '_' || b == '+'
                || b == '`' || b == '\'' || b == '~';
    }

    private static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
