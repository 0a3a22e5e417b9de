package org.webims.webrtc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * What the browser tests through our own encoders share: a {@link BrowserBed#transcoding()} bed
 * (skipped where Chromium is not installed), closed after each test with the network it made.
 */
abstract class TranscodingBrowserTest {

    BrowserBed bed;
    LossyNetwork network;

    @BeforeEach
    void setUpBed() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        bed = BrowserBed.transcoding();
    }

    @AfterEach
    void closeBed() {
        if (bed != null) {
            bed.close(); // and the network
        }
    }
}
