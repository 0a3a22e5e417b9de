package org.webims.media.codec.amrwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.CodecStateWarmer;
import org.webims.media.codec.SystemCodecLibraries;

/** AmrWbStateBlocks' layout assumptions hold for the installed vo-amrwbenc and opencore-amrwb (decision 0055). */
class AmrWbStateBlocksTest {

    @Test
    void encoderHandleFollowsTheLibrarysOwnFunctionPointersAndIsAHeapBlock() throws IOException {
        assumeTrue(SystemCodecLibraries.available());
        Pointer a = LibAmrWb.Encoder.E_IF_init();
        Pointer b = LibAmrWb.Encoder.E_IF_init();
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            for (int f = 0; f < 6 * 8; f += 8) {
                String m = mapping(maps, a.getLong(f));
                assertTrue(m.contains("libvo-amrwbenc") && m.split("\\s+")[1].contains("x"),
                        "word " + f / 8 + " of encoder_state is not in the library's code: " + m);
            }
            assertFalse(mapping(maps, a.getLong(6 * 8)).contains(".so"), "the handle is heap memory");
            CodecStateWarmer wa = AmrWbStateBlocks.encoder(a);
            assertTrue(wa.bytes() >= 1024 && wa.bytes() <= 64 * 1024, "Coder_State of " + wa.bytes() + " bytes");
            // sizeof(Coder_State) plus what malloc's block has left after the 32-byte alignment: within 32 bytes
            assertTrue(Math.abs(wa.bytes() - AmrWbStateBlocks.encoder(b).bytes()) < 32,
                    wa.bytes() + " against " + AmrWbStateBlocks.encoder(b).bytes());
        } finally {
            LibAmrWb.Encoder.E_IF_exit(a);
            LibAmrWb.Encoder.E_IF_exit(b);
        }
    }

    @Test
    void decoderStateBlockIsFoundWithTheSameSizeEveryTime() {
        assumeTrue(SystemCodecLibraries.available());
        Pointer a = LibAmrWb.Decoder.D_IF_init();
        Pointer b = LibAmrWb.Decoder.D_IF_init();
        try {
            CodecStateWarmer wa = AmrWbStateBlocks.decoder(a);
            assertTrue(wa.bytes() >= 1024 && wa.bytes() <= 64 * 1024, "decoder state of " + wa.bytes() + " bytes");
            assertEquals(wa.bytes(), AmrWbStateBlocks.decoder(b).bytes(), "the same size for every decoder");
        } finally {
            LibAmrWb.Decoder.D_IF_exit(a);
            LibAmrWb.Decoder.D_IF_exit(b);
        }
    }

    /** The /proc/self/maps line (proc(5)) whose range holds {@code address}, or "" when none does. */
    private static String mapping(List<String> maps, long address) {
        for (String line : maps) {
            String[] span = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.compareUnsigned(address, Long.parseUnsignedLong(span[0], 16)) >= 0
                    && Long.compareUnsigned(address, Long.parseUnsignedLong(span[1], 16)) < 0) {
                return line;
            }
        }
        return "";
    }
}
