package org.webims.sip.stack.inbound;

import java.util.Arrays;

/**
 * Cuts a TCP byte stream into SIP messages by their Content-Length (RFC 3261 §18.3), within the
 * {@link InboundLimits}. Where a message cannot be framed the stream is lost: the framer says so
 * and the connection must close (RFC 4475 §3.1.2.5, §3.3.9). Used by one channel's reader.
 */
final class StreamFramer {
    /** Where the framer's findings go. */
    interface Sink {
        /** A whole message, {@code bytes} its own copy; {@code callId} for thread affinity (may be null). */
        void message(byte[] bytes, String callId);

        /** A defective message that was framed: answer it (if {@code answer} is not null) and read on. */
        void answer(byte[] answer, Defect defect);

        /** An RFC 5626 §4.4.1 keep-alive ping (CRLFCRLF): answer with a single CRLF. */
        void keepAlive();
    }

    private final InboundLimits limits;
    private final HeaderBlockScanner scanner;
    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    private long partialSinceNanos;
    private byte[] lostAnswer;
    /** Bytes after start known to hold no end of a header block, and where the last LF was. */
    private int searched;
    private int lastLf = -1;

    StreamFramer(InboundLimits limits) {
        this.limits = limits;
        this.scanner = new HeaderBlockScanner(limits);
    }

    /**
     * Adds what the peer sent and hands every whole message to {@code sink}. Returns null while
     * the stream can be framed, else the defect that ends it (its answer in {@link #lostAnswer}).
     */
    Defect add(byte[] bytes, Sink sink) {
        append(bytes);
        while (start < end) {
            if (skipCrlf(sink)) {
                continue;
            }
            if (buffer[start] == '\r' || buffer[start] == '\n') {
                break; // a lone CRLF: wait to see whether a ping's second half follows
            }
            if (!worthScanning()) {
                if (partialSinceNanos == 0) {
                    partialSinceNanos = System.nanoTime();
                }
                compact();
                return null;
            }
            HeaderBlockScanner.Outcome outcome = scanner.scan(buffer, start, end, HeaderBlockScanner.Mode.STREAM);
            switch (outcome) {
                case INCOMPLETE -> {
                    if (partialSinceNanos == 0) {
                        partialSinceNanos = System.nanoTime();
                    }
                    compact();
                    return null;
                }
                case EMPTY -> consumeTo(end);
                case COMPLETE -> {
                    sink.message(Arrays.copyOfRange(buffer, scanner.messageStart(), scanner.messageEnd()),
                            scanner.callId());
                    consumeTo(scanner.messageEnd());
                }
                default -> {
                    Defect defect = scanner.defect();
                    lostAnswer = RawErrorResponse.to(scanner, buffer, defect);
                    if (defect.framingLost()) {
                        consumeTo(end);
                        return defect;
                    }
                    sink.answer(lostAnswer, defect);
                    lostAnswer = null;
                    consumeTo(scanner.messageEnd());
                }
            }
        }
        compact();
        return null;
    }

    /** The answer to the message that ended the stream, or null where none can be sent. */
    byte[] lostAnswer() {
        return lostAnswer;
    }

    /** True while part of a message has arrived and the rest has not. */
    boolean holdsPartial() {
        return start < end && partialSinceNanos != 0;
    }

    long partialSinceNanos() {
        return partialSinceNanos;
    }

    /**
     * The peer stopped short: the part that came is taken as the whole message, and the answer to
     * it returned (RFC 4475 §3.1.2.4: answer if possible, then close); null where none can be sent.
     */
    byte[] giveUp() {
        if (start >= end) {
            return null;
        }
        HeaderBlockScanner.Outcome outcome = scanner.scan(buffer, start, end, HeaderBlockScanner.Mode.DATAGRAM);
        Defect defect = outcome == HeaderBlockScanner.Outcome.DEFECTIVE ? scanner.defect()
                : Defect.badFraming("message incomplete");
        byte[] answer = RawErrorResponse.to(scanner, buffer, defect);
        consumeTo(end);
        return answer;
    }

    /**
     * Whether a scan could now decide anything: the header block may have ended, or a limit is
     * passed. Keeps a peer that trickles bytes from making each read rescan the whole partial.
     */
    private boolean worthScanning() {
        int from = start + Math.max(0, searched - 3);
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                lastLf = i - start;
                if (i + 1 < end && buffer[i + 1] == '\n' || i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                    return true;
                }
            }
        }
        searched = end - start;
        return end - start > limits.maxMessageBytes() || end - start - lastLf - 1 > limits.maxLineBytes();
    }

    private boolean skipCrlf(Sink sink) {
        int left = end - start;
        if (left >= 4 && buffer[start] == '\r' && buffer[start + 1] == '\n' && buffer[start + 2] == '\r'
                && buffer[start + 3] == '\n') {
            sink.keepAlive();
            start += 4;
            return true;
        }
        if (left > 2 && buffer[start] == '\r' && buffer[start + 1] == '\n' && buffer[start + 2] != '\r') {
            start += 2; // RFC 3261 §7.5: CRLF before a start line is ignored
            return true;
        }
        if (left >= 1 && buffer[start] == '\n') {
            start++;
            return true;
        }
        return false;
    }

    private void consumeTo(int position) {
        start = position;
        partialSinceNanos = 0;
        searched = 0;
        lastLf = -1;
    }

    private void append(byte[] bytes) {
        if (end + bytes.length > buffer.length) {
            compact();
            if (end + bytes.length > buffer.length) {
                // bounded: the scanner refuses a message above the limit before this grows far past it
                int needed = end + bytes.length;
                buffer = Arrays.copyOf(buffer, Math.max(needed, Math.min(buffer.length * 2, limits.maxMessageBytes() + 8192)));
            }
        }
        System.arraycopy(bytes, 0, buffer, end, bytes.length);
        end += bytes.length;
    }

    private void compact() {
        if (start == end) {
            start = end = 0;
        } else if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
