package org.webims.media.codec.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VideoBackendTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(VideoBackend.PROPERTY);
    }

    @Test
    void propertyForcesABackendInAnyCase() {
        assertNull(VideoBackend.forced());
        System.setProperty(VideoBackend.PROPERTY, " Bundled ");
        assertEquals(VideoBackend.BUNDLED, VideoBackend.forced());
        System.setProperty(VideoBackend.PROPERTY, "system");
        assertEquals(VideoBackend.SYSTEM, VideoBackend.forced());
    }

    @Test
    void unknownBackendNameIsRefusedWithTheChoices() {
        System.setProperty(VideoBackend.PROPERTY, "gpu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, VideoBackend::forced);
        assertTrue(e.getMessage().contains("system or bundled"), e.getMessage());
    }
}
