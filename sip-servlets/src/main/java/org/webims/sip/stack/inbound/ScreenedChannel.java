package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.channels.SocketChannel;

/**
 * What a screen needs of the JAIN-SIP channel it reads for, whatever the channel's class: the
 * abstract methods are the channel's own public ones, so each of our channels (TCP, TLS, WS, WSS,
 * each extending a different JAIN-SIP class) gets the rest from here.
 */
interface ScreenedChannel extends ParseExceptionListener {
    SIPTransactionStack getSIPStack();

    String getTransport();

    String getPeerAddress();

    int getPeerPort();

    SocketChannel getSocketChannel();

    /** Hands a parsed message to the stack. */
    void processMessage(SIPMessage message) throws Exception;

    default String peer() {
        return getPeerAddress() + ":" + getPeerPort();
    }

    default boolean isOpen() {
        return getSocketChannel().isOpen();
    }
}
