package org.webims.media.rtp;

import java.nio.charset.StandardCharsets;

/**
 * View of an RTCP SDES packet (RFC 3550 §6.5): a cursor over chunks and their items.
 * {@code while (nextChunk()) { chunkSsrc(); while (nextItem()) { itemType(); ... } }}
 */
public final class RtcpSdes extends RtcpView {

    private int chunkPos;
    private int chunkIndex;
    private int itemPos;
    private int itemType;
    private int itemOff;
    private int itemLen;
    private int currentChunk;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.SDES;
    }

    @Override
    protected boolean validate() {
        // walk every chunk once so the cursor below never reads past the packet
        int p = off + 4;
        int end = off + contentLength;
        for (int c = 0; c < count(); c++) {
            if (p + 4 > end) {
                return fail(RtcpFault.BAD_COUNT);
            }
            p += 4;
            while (true) {
                if (p >= end) {
                    return fail(RtcpFault.BAD_ITEM);
                }
                if (buf[p] == 0) { // end of list, then pad to the next 32-bit boundary
                    p = off + (((p - off) + 4) & ~3);
                    break;
                }
                if (p + 2 > end || p + 2 + (buf[p + 1] & 0xFF) > end) {
                    return fail(RtcpFault.BAD_ITEM);
                }
                p += 2 + (buf[p + 1] & 0xFF);
            }
            if (p > end) {
                return fail(RtcpFault.BAD_ITEM);
            }
        }
        rewind();
        itemPos = -1;
        return true;
    }

    /** Puts the cursor before the first chunk. */
    private void rewind() {
        chunkPos = off + 4;
        chunkIndex = 0;
        currentChunk = -1;
    }

    /** Moves to the next chunk. */
    public boolean nextChunk() {
        if (chunkIndex >= count()) {
            return false;
        }
        if (currentChunk >= 0) {
            // skip the remaining items of the current chunk
            while (nextItem()) {
                // advance
            }
            chunkPos = off + (((itemPos - off) + 4) & ~3);
        }
        currentChunk = chunkPos;
        itemPos = chunkPos + 4;
        chunkIndex++;
        return true;
    }

    public int chunkSsrc() {
        return RtcpBytes.i32(buf, currentChunk);
    }

    /** Moves to the next item of the current chunk; false at its end-of-list octet. */
    public boolean nextItem() {
        if (buf[itemPos] == 0) {
            return false;
        }
        itemType = buf[itemPos] & 0xFF;
        itemLen = buf[itemPos + 1] & 0xFF;
        itemOff = itemPos + 2;
        itemPos = itemOff + itemLen;
        return true;
    }

    public int itemType() {
        return itemType;
    }

    public int itemOffset() {
        return itemOff;
    }

    public int itemLength() {
        return itemLen;
    }

    /** The current item's text (allocates; SDES is rare). */
    public String itemText() {
        return new String(buf, itemOff, itemLen, StandardCharsets.UTF_8);
    }

    /** The CNAME of the first chunk that has one, or null (allocates; resets the cursor). */
    public String cname() {
        rewind();
        String found = null;
        while (found == null && nextChunk()) {
            while (nextItem()) {
                if (itemType == RtcpPacketType.SDES_CNAME) {
                    found = itemText();
                    break;
                }
            }
        }
        rewind();
        return found;
    }
}
