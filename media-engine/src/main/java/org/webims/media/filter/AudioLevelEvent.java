package org.webims.media.filter;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The RMS and peak level over the last interval, in dBov (RFC 6464 §3; -127 is silence). */
public record AudioLevelEvent(MediaElement element, double rmsDbov, double peakDbov, boolean speaking)
        implements MediaEvent {
    @Override public String type() { return "AudioLevel"; }
}
