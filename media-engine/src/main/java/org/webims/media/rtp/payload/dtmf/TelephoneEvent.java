package org.webims.media.rtp.payload.dtmf;

/** The 4-byte telephone-event payload (RFC 4733 §2.3): event, E bit, volume, duration. */
public final class TelephoneEvent {

    public static final int LENGTH = 4;
    /** Events 0..9 are digits, 10 is *, 11 is #, 12..15 are A..D (RFC 4733 §3.2). */
    public static final int STAR = 10;
    public static final int POUND = 11;

    private TelephoneEvent() {
    }

    public static int event(byte[] b, int offset) {
        return b[offset] & 0xFF;
    }

    public static boolean end(byte[] b, int offset) {
        return (b[offset + 1] & 0x80) != 0;
    }

    /** Power level in -dBm0 (0..63). */
    public static int volume(byte[] b, int offset) {
        return b[offset + 1] & 0x3F;
    }

    /** Duration in timestamp units. */
    public static int duration(byte[] b, int offset) {
        return ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }

    public static int write(byte[] out, int offset, int event, boolean end, int volume, int duration) {
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        out[offset + 2] = (byte) (duration >>> 8);
        out[offset + 3] = (byte) duration;
        return LENGTH;
    }

    /** The DTMF character of events 0..15, or '?' for other events. */
    public static char digit(int event) {
        return event >= 0 && event < 16 ? "0123456789*#ABCD".charAt(event) : '?';
    }

    /** The event of a DTMF character, or -1. */
    public static int eventOf(char digit) {
        return "0123456789*#ABCD".indexOf(Character.toUpperCase(digit));
    }
}
