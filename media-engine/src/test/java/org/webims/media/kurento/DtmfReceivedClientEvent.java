package org.webims.media.kurento;

import java.util.List;
import org.kurento.client.MediaEvent;
import org.kurento.client.MediaObject;
import org.kurento.client.Tag;
import org.kurento.client.internal.server.Param;

/** Our DtmfReceived event as kurento-client builds a module's event: from its parameter names. */
public class DtmfReceivedClientEvent extends MediaEvent {

    private final String digit;
    private final int durationMillis;
    private final int relayed;

    public DtmfReceivedClientEvent(@Param("source") MediaObject source,
                                   @Param("timestampMillis") String timestampMillis,
                                   @Param("tags") List<Tag> tags, @Param("type") String type,
                                   @Param("digit") String digit, @Param("event") int event,
                                   @Param("volume") int volume, @Param("durationMillis") int durationMillis,
                                   @Param("relayed") int relayed) {
        super(source, timestampMillis, tags, type);
        this.digit = digit;
        this.durationMillis = durationMillis;
        this.relayed = relayed;
    }

    public String getDigit() { return digit; }
    public int getDurationMillis() { return durationMillis; }
    public int getRelayed() { return relayed; }
}
