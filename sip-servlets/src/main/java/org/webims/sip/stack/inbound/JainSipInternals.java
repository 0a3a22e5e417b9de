package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.DatagramPacket;

/**
 * The two places where our UDP processor reaches inside JAIN-SIP 1.3 (its classes are on the
 * class path, so their private members are open to us): the per-datagram processing that
 * {@link UDPMessageChannel} keeps private, and the stack's flag, set by its own processor
 * factory only, that makes UDP messages leave from the listening socket.
 */
final class JainSipInternals {
    /** {@code UDPMessageChannel.processIncomingDataPacket(DatagramPacket)}. */
    static final MethodHandle PROCESS_DATAGRAM;
    /** {@code SIPTransactionStack.udpFlag}: send from the listening socket, not a new one per message. */
    private static final VarHandle UDP_FLAG;

    static {
        try {
            PROCESS_DATAGRAM = MethodHandles.privateLookupIn(UDPMessageChannel.class, MethodHandles.lookup())
                    .findVirtual(UDPMessageChannel.class, "processIncomingDataPacket",
                            MethodType.methodType(void.class, DatagramPacket.class));
            UDP_FLAG = MethodHandles.privateLookupIn(SIPTransactionStack.class, MethodHandles.lookup())
                    .findVarHandle(SIPTransactionStack.class, "udpFlag", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    private JainSipInternals() {
    }

    /** What JAIN-SIP's own factory does when it makes a UDP processor. */
    static void sendUdpFromListeningSocket(SIPTransactionStack stack) {
        UDP_FLAG.setVolatile(stack, true);
    }
}
