package org.webims.webrtc.iceservers;

/** Where the username and credential handed out with the TURN URLs come from. */
public interface TurnCredentials {

    /** One username and password (RTCIceServer's username and credential). */
    record Credential(String username, String password) {
    }

    /** The credential for a browser of the web user {@code user} (may be null: none named). */
    Credential issue(String user);

    /** The same username and password for everyone, as the TURN server's user database has them. */
    static TurnCredentials fixed(String username, String password) {
        Credential credential = new Credential(username, password);
        return user -> credential;
    }
}
