package org.webims.media.pipeline.event;

import org.webims.media.pipeline.MediaElement;

/**
 * Something an element reports. {@link #type()} is the Kurento event name, so the Kurento
 * protocol server can forward events without a mapping table.
 */
public interface MediaEvent {

    MediaElement element();

    String type();
}
