package org.webims.media.endpoint;

import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SinkPad;

/**
 * What Kurento's BaseRtpEndpoint adds to an element, for the RtpEndpoint and the WebRtcEndpoint:
 * the peer's media and connection state, and the mtu that bounds the video packets we make.
 */
public interface BaseRtpEndpoint {

    /** Kurento's default mtu: libwebrtc's 1200-byte RTP packets. */
    int DEFAULT_MTU = 1200;
    /** The smallest mtu: room for a video payload above every header and tag we add. */
    int MIN_MTU = 300;
    /** The largest mtu: one UDP datagram in a 1500-byte Ethernet frame (less IPv4 20 and UDP 8). */
    int MAX_MTU = 1472;

    PeerStates peerStates();

    /** The element's input of one media type ({@link org.webims.media.pipeline.MediaElement#sinkPad}). */
    SinkPad sinkPad(MediaType type);

    /** The mtu set, or {@link #DEFAULT_MTU} before one was. */
    default int mtu() {
        int set = sinkPad(MediaType.VIDEO).maxPacketSize();
        return set == 0 ? DEFAULT_MTU : set;
    }

    /**
     * Bounds the RTP packets of the video we packetize toward the peer (an encoder's or a
     * repacketizer's output); relayed packets keep the sender's size.
     *
     * @throws IllegalArgumentException outside {@link #MIN_MTU}..{@link #MAX_MTU}
     */
    default void setMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + ".." + MAX_MTU + " bytes, got " + mtu);
        }
        sinkPad(MediaType.VIDEO).setMaxPacketSize(mtu);
    }
}
