package org.webims.media.endpoint.rtp;

import java.time.Duration;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * No RTP arrived for {@code timeout} on a stream that had been receiving media (set with
 * {@link RtpEndpoint#setMediaTimeout}). Raised once per silence, so the application can end the
 * call (a BYE with {@code Reason: RTP-Timeout}, say). Kurento has no such event; the name
 * follows its style: what happened, in PascalCase.
 */
public record MediaTimeout(MediaElement element, MediaType mediaType, Duration timeout) implements MediaEvent {
    @Override public String type() { return "MediaTimeout"; }
}
