package org.webims.media.transport;

/** The UDP ports media may use, inclusive; RTP takes even ports (RFC 3550 §11). */
public record PortRange(int min, int max) {

    public PortRange {
        if (min < 1024 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad media port range " + min + "-" + max);
        }
    }

    public int size() {
        return max - min + 1;
    }
}
