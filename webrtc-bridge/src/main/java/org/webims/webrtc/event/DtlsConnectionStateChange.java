package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.webrtc.dtls.DtlsSession;

/** The DTLS-SRTP association of the bundle changed state; media flows only while CONNECTED. */
public record DtlsConnectionStateChange(MediaElement element, String connectionId, DtlsSession.State state)
        implements MediaEvent {
    @Override public String type() { return "DtlsConnectionStateChange"; }
}
