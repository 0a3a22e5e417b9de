package org.webims.media.kurento;

import java.util.List;
import org.kurento.client.MediaEvent;
import org.kurento.client.MediaObject;
import org.kurento.client.Tag;
import org.kurento.client.internal.server.Param;

/** The client-side class of our MediaTimeout event, as a Kurento module's generated event class would be. */
public class MediaTimeoutClientEvent extends MediaEvent {

    private final String mediaType;
    private final long timeoutMillis;

    public MediaTimeoutClientEvent(@Param("source") MediaObject source,
                                   @Param("timestampMillis") String timestampMillis,
                                   @Param("tags") List<Tag> tags, @Param("type") String type,
                                   @Param("mediaType") String mediaType, @Param("timeoutMillis") long timeoutMillis) {
        super(source, timestampMillis, tags, type);
        this.mediaType = mediaType;
        this.timeoutMillis = timeoutMillis;
    }

    public String getMediaType() {
        return mediaType;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }
}
