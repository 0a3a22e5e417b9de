package org.webims.media.codec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/** The binding's openh264 layout agrees with the installed library. */
class OpenH264AbiTest {

    @Test
    void libraryIsTheReleaseTheLayoutWasTakenFrom() {
        assertTrue(OpenH264.version().startsWith("2.3."), OpenH264.version());
    }

    @Test
    void defaultParametersStayInsideTheBindingsStructSizeAndSitAtItsOffsets() {
        try (Memory out = new Memory(8); Memory params = new Memory(2048)) {
            out.setLong(0, 0);
            assertEquals(0, OpenH264.WelsCreateSVCEncoder(Pointer.nativeValue(out)));
            long encoder = out.getLong(0);
            try {
                for (int i = 0; i < 2048; i++) {
                    params.setByte(i, (byte) 0xA5);
                }
                int rc = OpenH264.vtableFunction(encoder, OpenH264.VT_GET_DEFAULT_PARAMS)
                        .invokeInt(new Object[] {new Pointer(encoder), params});
                assertEquals(0, rc);
                for (int i = OpenH264.SIZEOF_ENC_PARAM_EXT; i < 2048; i++) {
                    assertEquals((byte) 0xA5, params.getByte(i), "byte " + i + " past SEncParamExt written");
                }
                assertEquals(1, params.getInt(OpenH264.P_SPATIAL_LAYER_NUM), "default one spatial layer");
                assertEquals(1, params.getInt(OpenH264.P_TEMPORAL_LAYER_NUM), "default one temporal layer");
                assertTrue(params.getByte(OpenH264.SIZEOF_ENC_PARAM_EXT - 4) != (byte) 0xA5, "last field written");
            } finally {
                OpenH264.WelsDestroySVCEncoder(encoder);
            }
        }
    }
}
