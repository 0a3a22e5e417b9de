package org.webims.media.codec.opus;

/**
 * Reads whether an Opus packet carries in-band FEC: the LBRR flag of its SILK layer (RFC 6716
 * §4.2.3), the first symbols the range decoder (§4.1) takes from a SILK-only or hybrid frame.
 * A packet with it set holds a low-bitrate copy of the frame before (§4.2.4), which a receiver
 * that lost that frame decodes instead of concealing it. Reads the first frame of a packet of
 * code 0, 1 or 2 (§3.2); allocates nothing.
 */
public final class OpusLbrr {

    private static final long CODE_BOT = 1L << 23; // §4.1.1: the range is renormalized to above 2^23

    private OpusLbrr() {
    }

    /** Whether {@code b[off..off+len)}, one Opus packet, says its first frame carries LBRR data. */
    public static boolean present(byte[] b, int off, int len) {
        if (len < 2) {
            return false;
        }
        int toc = b[off] & 0xFF;
        int config = toc >>> 3;
        if (config >= 16) {
            return false; // CELT-only (§3.1, Table 2): no SILK layer, no LBRR
        }
        int start = off + 1;
        int frameLength;
        switch (toc & 3) {
            case 0 -> frameLength = len - 1;
            case 1 -> frameLength = (len - 1) / 2; // two frames of equal size (§3.2.3)
            case 2 -> { // the first frame's length in one or two bytes (§3.2.1, §3.2.4)
                int n = b[start] & 0xFF;
                if (n >= 252) {
                    if (len < 3) {
                        return false;
                    }
                    n += 4 * (b[start + 1] & 0xFF);
                    start += 2;
                } else {
                    start += 1;
                }
                frameLength = n;
            }
            default -> {
                return false; // code 3 (several frames with a count byte) is not what a 20 ms encoder writes
            }
        }
        int end = start + frameLength;
        if (frameLength < 1 || end > off + len) {
            return false;
        }
        // SILK frames of 20 ms in one Opus frame: 1 for 10 and 20 ms, 2 for 40, 3 for 60 (§4.2.2)
        int ms = config < 12 ? 10 << (config & 3) : 10 << (config & 1);
        int silkFrames = ms <= 20 ? 1 : ms / 20;
        int channels = (toc & 0x04) != 0 ? 2 : 1;

        // §4.1.1 ec_dec_init: rng = 128, val = 127 - (b0 >> 1), the low bit kept for the next byte
        int at = start;
        int rem = b[at++] & 0xFF;
        long rng = 128;
        long val = 127 - (rem >> 1);
        for (int symbol = 0, symbols = channels * (silkFrames + 1); ; symbol++) {
            while (rng <= CODE_BOT) { // §4.1.2.1 renormalization, zeros past the frame's end
                rng <<= 8;
                int next = at < end ? b[at++] & 0xFF : 0;
                int sym = ((rem << 8) | next) >> 1;
                val = ((val << 8) + (255 & ~sym)) & 0x7FFF_FFFFL;
                rem = next;
            }
            if (symbol == symbols) {
                return false;
            }
            // §4.1.3.3 ec_dec_bit_logp(1): one symbol of probability 1/2
            long s = rng >>> 1;
            boolean one = val < s;
            if (!one) {
                val -= s;
            }
            rng = one ? s : rng - s;
            // §4.2.3: per channel, a VAD flag per SILK frame, then the LBRR flag
            if (symbol % (silkFrames + 1) == silkFrames && one) {
                return true;
            }
        }
    }
}
