package org.webims.media.codec.amrwb;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecStateWarmer;
import org.webims.media.codec.NativeHeap;

/**
 * Not a test: where the Debian AMR-WB libraries keep a codec's working state, for
 * {@link CodecStateWarmer} (decision 0055). Neither library says, so the layouts of their public wrappers are checked
 * against what they must hold before anything is read further; on a mismatch nothing is warmed.
 */
public final class AmrWbStateBlocks {

    /** opencore dec_if.c {@code struct state}: st, pt_st (the same block), ScratchMem inside it, then buffers. */
    private static final int DEC_ST = 0;
    private static final int DEC_PT_ST = 8;
    private static final int DEC_SCRATCH = 16;
    private static final int DEC_INPUT_BUF = 24;
    private static final int DEC_OUTPUT_BUF = 40;
    /** vo-amrwbenc enc_if.c {@code struct encoder_state}: six API function pointers, then the coder's handle. */
    private static final int ENC_HANDLE = 6 * 8;
    /** vo-amrwbenc mem_align.c: an aligned block keeps its distance from malloc's pointer in the byte before it. */
    private static final int MAX_ALIGNMENT = 64;
    private static final long MAX_STATE_BYTES = 1 << 20;

    private AmrWbStateBlocks() {
    }

    /** The decoder's one state block (pvDecoder_AmrWbMemRequirements bytes), or nothing. */
    public static CodecStateWarmer decoder(Pointer state) {
        if (Native.POINTER_SIZE != 8 || NativeHeap.malloc_usable_size(state) < DEC_OUTPUT_BUF + 8) {
            return CodecStateWarmer.NONE;
        }
        long st = Pointer.nativeValue(state.getPointer(DEC_ST));
        long block = Pointer.nativeValue(state.getPointer(DEC_PT_ST));
        // D_IF_init points st at pt_st and leaves the two unused buffers NULL: a signature of the layout
        if (st == 0 || st != block || state.getLong(DEC_INPUT_BUF) != 0 || state.getLong(DEC_OUTPUT_BUF) != 0) {
            return CodecStateWarmer.NONE;
        }
        long size = NativeHeap.malloc_usable_size(new Pointer(block));
        long scratch = state.getLong(DEC_SCRATCH);
        if (size > MAX_STATE_BYTES || scratch <= block || scratch >= block + size) {
            return CodecStateWarmer.NONE;
        }
        return CodecStateWarmer.of(new Pointer(block), size);
    }

    /** The encoder's Coder_State block (its largest; the VAD and DTX states are separate and small), or nothing. */
    public static CodecStateWarmer encoder(Pointer state) {
        if (Native.POINTER_SIZE != 8 || NativeHeap.malloc_usable_size(state) < ENC_HANDLE + 8) {
            return CodecStateWarmer.NONE;
        }
        for (int f = 0; f < ENC_HANDLE; f += 8) {
            if (state.getLong(f) == 0) {
                return CodecStateWarmer.NONE;
            }
        }
        long handle = state.getLong(ENC_HANDLE);
        if (handle == 0 || handle % 32 != 0) {
            return CodecStateWarmer.NONE;
        }
        int shift = new Pointer(handle).getByte(-1) & 0xff;
        if (shift == 0 || shift > MAX_ALIGNMENT) {
            return CodecStateWarmer.NONE;
        }
        long size = NativeHeap.malloc_usable_size(new Pointer(handle - shift)) - shift;
        if (size <= 0 || size > MAX_STATE_BYTES) {
            return CodecStateWarmer.NONE;
        }
        return CodecStateWarmer.of(new Pointer(handle), size);
    }
}
