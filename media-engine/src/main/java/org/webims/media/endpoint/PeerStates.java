package org.webims.media.endpoint;

import java.util.function.Consumer;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * An RTP endpoint's media and connection state (Kurento's BaseRtpEndpoint {@code mediaState},
 * {@code connectionState}): both start DISCONNECTED, and each transition is raised once, as
 * {@link MediaStateChanged} or {@link ConnectionStateChanged}, however often the same state is
 * reported. Called off the media path (the flow monitor, negotiation, ICE and DTLS events).
 */
public final class PeerStates {

    private final MediaElement element;
    private final Consumer<MediaEvent> emitter;
    private PeerState media = PeerState.DISCONNECTED;
    private PeerState connection = PeerState.DISCONNECTED;

    /** @param emitter the element's own emit, so listeners get the events on the engine's event thread */
    public PeerStates(MediaElement element, Consumer<MediaEvent> emitter) {
        this.element = element;
        this.emitter = emitter;
    }

    public synchronized PeerState media() { return media; }
    public synchronized PeerState connection() { return connection; }

    /** Media from the peer is arriving or not. */
    public synchronized void media(boolean arriving) {
        PeerState now = of(arriving);
        if (media != now) {
            // raised under the lock, so two transitions reach the event queue in their order
            emitter.accept(new MediaStateChanged(element, media, now));
            media = now;
        }
    }

    /** The transport to the peer is up or not. */
    public synchronized void connection(boolean up) {
        PeerState now = of(up);
        if (connection != now) {
            emitter.accept(new ConnectionStateChanged(element, connection, now));
            connection = now;
        }
    }

    private static PeerState of(boolean connected) {
        return connected ? PeerState.CONNECTED : PeerState.DISCONNECTED;
    }
}
