package org.webims.media.sdp.negotiation;

/**
 * Where we receive an accepted m-line's media: called once per m-line that is offered or
 * accepted, so an endpoint binds sockets only for media it will carry.
 */
@FunctionalInterface
public interface LocalTransport {

    /** Our address and RTP port for the m-line at this index, of this media type (audio, video...). */
    Address allocate(int index, String media);

    /** An IP address (v4 or v6) and port. */
    record Address(String address, int port) {
    }

    /** Every m-line on one address and port, as BUNDLE does. */
    static LocalTransport fixed(String address, int port) {
        Address a = new Address(address, port);
        return (index, media) -> a;
    }
}
