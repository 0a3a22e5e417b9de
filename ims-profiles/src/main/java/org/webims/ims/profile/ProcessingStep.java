package org.webims.ims.profile;

import java.util.Objects;

/** A media processing element put on a leg (media-engine's filters). */
public sealed interface ProcessingStep {

    /** org.webims.media.filter.AudioLevelMeter with this voice-activity threshold. */
    record AudioLevelMeter(double thresholdDbov) implements ProcessingStep {
    }

    /** org.webims.media.filter.VideoOverlay showing text at (x, y), fractions of the picture, this many pixels high. */
    record OverlayText(String text, double x, double y, int pixelHeight) implements ProcessingStep {
        public OverlayText {
            Objects.requireNonNull(text, "text");
        }
    }
}
