package org.webims.media.kurento.session;

/** The transport's side of one client connection, as the protocol sees it. */
public interface ClientConnection {

    /** Queues a text message; never blocks. Dropped if the connection is gone. */
    void send(String json);

    /** A short label for logs (the remote address). */
    String label();
}
