package org.webims.media.sdp.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** profile-level-id (RFC 6184 §8.1) as parsed and written; these came from the rtp.payload.h264 copy. */
class H264ProfileLevelIdTest {

    @Test
    void profileLevelIdParsesAndFormats() {
        H264ProfileLevelId id = H264ProfileLevelId.parse("42e01f").orElseThrow();
        assertEquals(0x42, id.profileIdc());
        assertEquals(0xE0, id.profileIop());
        assertEquals(31, id.level());
        assertTrue(id.constraintSet(0));
        assertTrue(id.constraintSet(1));
        assertTrue(id.constraintSet(2));
        assertFalse(id.constraintSet(3));
        assertEquals("42e01f", id.hex());
        assertEquals("640c1f", H264ProfileLevelId.parse("640C1F").orElseThrow().hex());
    }

    @Test
    void profileLevelIdRejectsWhatIsNotSixHexDigits() {
        assertTrue(H264ProfileLevelId.parse("42e01").isEmpty());
        assertTrue(H264ProfileLevelId.parse("42e01g").isEmpty());
        assertTrue(H264ProfileLevelId.parse(null).isEmpty());
    }

    @Test
    void detectsConstrainedBaseline() {
        assertTrue(H264ProfileLevelId.parse("42e01f").orElseThrow().isConstrainedBaseline());
        assertTrue(H264ProfileLevelId.parse("42c01f").orElseThrow().isConstrainedBaseline());
        assertFalse(H264ProfileLevelId.parse("42801f").orElseThrow().isConstrainedBaseline());
        assertTrue(H264ProfileLevelId.parse("4d801f").orElseThrow().isConstrainedBaseline());
        assertFalse(H264ProfileLevelId.parse("4d001f").orElseThrow().isConstrainedBaseline());
        assertTrue(H264ProfileLevelId.parse("58c01f").orElseThrow().isConstrainedBaseline());
        assertFalse(H264ProfileLevelId.parse("640c1f").orElseThrow().isConstrainedBaseline());
        assertEquals(H264ProfileLevelId.LEVEL_1B, H264ProfileLevelId.parse("42f00b").orElseThrow().level());
    }
}
