package org.webims.media.kurento;

import java.util.List;
import org.kurento.client.MediaEvent;
import org.kurento.client.MediaObject;
import org.kurento.client.Tag;
import org.kurento.client.internal.server.Param;

/**
 * The client-side class of our VoiceActivity event, written as a Kurento module's generated
 * event class would be: kurento-client fills the constructor from the event's data by name.
 */
public class VoiceActivityClientEvent extends MediaEvent {

    private final boolean speaking;
    private final double frameDbov;

    public VoiceActivityClientEvent(@Param("source") MediaObject source,
                                    @Param("timestampMillis") String timestampMillis,
                                    @Param("tags") List<Tag> tags, @Param("type") String type,
                                    @Param("speaking") boolean speaking, @Param("frameDbov") double frameDbov) {
        super(source, timestampMillis, tags, type);
        this.speaking = speaking;
        this.frameDbov = frameDbov;
    }

    public boolean isSpeaking() {
        return speaking;
    }

    public double getFrameDbov() {
        return frameDbov;
    }
}
