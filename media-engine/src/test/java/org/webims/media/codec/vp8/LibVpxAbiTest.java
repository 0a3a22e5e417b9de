package org.webims.media.codec.vp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/** The binding's struct sizes and ABI version agree with the installed libvpx itself. */
class LibVpxAbiTest {

    @Test
    void defaultEncoderConfigFillsExactlyTheBindingsStructSize() {
        try (Memory cfg = new Memory(1024)) {
            for (int i = 0; i < 1024; i++) {
                cfg.setByte(i, (byte) 0xA5);
            }
            assertEquals(LibVpx.CODEC_OK, LibVpx.vpx_codec_enc_config_default(LibVpx.vpx_codec_vp8_cx(), Pointer.nativeValue(cfg), 0));
            // the library copies a whole vpx_codec_enc_cfg_t: everything before the size written, nothing after
            int lastWritten = -1;
            for (int i = 0; i < 1024; i++) {
                if (cfg.getByte(i) != (byte) 0xA5) {
                    lastWritten = i;
                }
            }
            assertTrue(lastWritten < LibVpx.SIZEOF_ENC_CFG, "wrote up to byte " + lastWritten);
            assertTrue(lastWritten >= LibVpx.SIZEOF_ENC_CFG - 8, "wrote up to byte " + lastWritten);
            assertEquals(1, cfg.getInt(LibVpx.CFG_G_TIMEBASE), "default timebase numerator at its 1.12 offset");
            assertEquals(30, cfg.getInt(LibVpx.CFG_G_TIMEBASE + 4), "default timebase 1/30");
            assertEquals(256, cfg.getInt(LibVpx.CFG_RC_TARGET_BITRATE), "default 256 kbit/s at its 1.12 offset");
        }
    }

    @Test
    void libraryAcceptsOurAbiVersionAndRefusesAnother() {
        long iface = LibVpx.vpx_codec_vp8_cx();
        try (Memory cfg = new Memory(LibVpx.SIZEOF_ENC_CFG); Memory ctx = new Memory(LibVpx.SIZEOF_CODEC_CTX)) {
            ctx.clear();
            LibVpx.vpx_codec_enc_config_default(iface, Pointer.nativeValue(cfg), 0);
            assertEquals(LibVpx.CODEC_ABI_MISMATCH, LibVpx.vpx_codec_enc_init_ver(Pointer.nativeValue(ctx), iface,
                    Pointer.nativeValue(cfg), 0, LibVpx.ENCODER_ABI_VERSION + 1));
            ctx.clear();
            assertEquals(LibVpx.CODEC_OK, LibVpx.vpx_codec_enc_init_ver(Pointer.nativeValue(ctx), iface,
                    Pointer.nativeValue(cfg), 0, LibVpx.ENCODER_ABI_VERSION));
            assertNotEquals(0, LibVpx.vpx_codec_destroy(Pointer.nativeValue(ctx)) + 1);
        }
    }
}
