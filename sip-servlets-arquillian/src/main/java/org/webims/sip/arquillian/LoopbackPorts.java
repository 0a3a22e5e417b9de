package org.webims.sip.arquillian;

import org.webims.sip.stack.UnusedPorts;

/** Picks loopback ports that are free right now, for the container and for the test's own peers. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * A port on 127.0.0.1 free for both TCP and UDP (SIP listens on both with one port), never
     * handed out before in this JVM, by this or any helper drawing from {@link UnusedPorts#shared}
     * (SIPp's too): a peer not bound yet cannot lose its port to another (decisions 0082, 0086).
     */
    public static int freeUdpAndTcp() {
        return UnusedPorts.shared().next();
    }
}
