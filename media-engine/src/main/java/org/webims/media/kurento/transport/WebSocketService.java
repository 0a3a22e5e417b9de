package org.webims.media.kurento.transport;

import org.webims.media.kurento.session.ClientConnection;

/** What the WebSocket transport serves: one conversation per accepted connection. */
public interface WebSocketService {

    Conversation open(ClientConnection connection);

    /** Called on one thread at a time per connection, in message order. */
    interface Conversation {

        /** The reply to a text message, or null if none is due. */
        String onText(String text);

        void onClose();
    }
}
