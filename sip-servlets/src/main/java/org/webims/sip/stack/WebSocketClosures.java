package org.webims.sip.stack;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells applications that a SIP WebSocket connection a client opened has closed (decision 0091):
 * RFC 7118 §5 has no way for a server to reach a WebSocket client again, so whatever dialogs and
 * bindings rode on it are gone. JSR 289 has no event for this, so the listeners are shared with the
 * applications under {@link #ATTRIBUTE} as a plain {@code Collection<Consumer<InetSocketAddress>>}
 * (JDK types only: an application's class loader sees no container class), each told the client's
 * address and port, the address its requests and Contact carry (RFC 7118 §5.2, {@code .invalid}
 * hosts pointed at the connection). Called on the stack's I/O thread: a listener hands off at once.
 */
public final class WebSocketClosures {

    /** The ServletContext attribute under which applications find the listener collection. */
    public static final String ATTRIBUTE = "org.webims.sip.websocket-closed";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClosures.class);

    private final Collection<Consumer<InetSocketAddress>> listeners = new CopyOnWriteArrayList<>();

    /** The live collection applications add their listeners to (and remove them from when destroyed). */
    public Collection<Consumer<InetSocketAddress>> listeners() {
        return listeners;
    }

    /** A WS or WSS connection from {@code client} closed, by either side. */
    public void closed(InetSocketAddress client) {
        for (Consumer<InetSocketAddress> listener : listeners) {
            try {
                listener.accept(client);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("client", client).log("a WebSocket close listener failed");
            }
        }
    }
}
