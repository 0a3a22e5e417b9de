package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;

/**
 * JAIN-SIP's UDP channel for what the stack sends (requests of client transactions, responses of
 * server transactions, ACKs), encoding with {@link MessageEncoder} instead of
 * {@code encodeAsBytes}. The rest is JAIN-SIP's: a message addressed to one of the stack's own
 * listening points, and every send while the stack logs a stack trace per send, take JAIN-SIP's path.
 */
public final class EncodingUdpChannel extends UDPMessageChannel {
    /** {@code SIPTransactionStack.getMessageProcessors()}, protected in JAIN-SIP 1.3. */
    private static final MethodHandle PROCESSORS;

    static {
        try {
            PROCESSORS = MethodHandles.privateLookupIn(SIPTransactionStack.class, MethodHandles.lookup())
                    .findVirtual(SIPTransactionStack.class, "getMessageProcessors",
                            MethodType.methodType(MessageProcessor[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    public EncodingUdpChannel(InetAddress target, int port, SIPTransactionStack stack, UDPMessageProcessor processor) {
        super(target, port, stack, processor);
    }

    /** What client and server transactions send (JAIN-SIP's {@code MessageChannel.sendMessage}, re-encoded). */
    @Override
    public void sendMessage(SIPMessage message, InetAddress receiver, int receiverPort) throws IOException {
        long time = System.currentTimeMillis();
        byte[] bytes = MessageEncoder.encode(message, getTransport());
        // JAIN-SIP notes the transaction id for its NIO TCP processor only: nothing to note on UDP
        sendMessage(bytes, receiver, receiverPort, message instanceof SIPRequest);
        sent(message, receiver, receiverPort, time);
    }

    /** What is sent on this channel to its own peer: responses, ACKs for 2xx. */
    @Override
    public void sendMessage(SIPMessage message) throws IOException {
        send(message);
    }

    /**
     * Sends the message to this channel's peer as {@link #sendMessage(SIPMessage)} does, and answers
     * the bytes sent, or null where JAIN-SIP's own path sent it (its encoding is then not at hand).
     */
    public byte[] send(SIPMessage message) throws IOException {
        InetAddress peer = getPeerInetAddress();
        int peerPort = getPeerPort();
        if (sipStack.isLogStackTraceOnMessageSend() || selfAddressed(peer, peerPort)) {
            super.sendMessage(message); // JAIN-SIP routes these to itself without the network
            return null;
        }
        long time = System.currentTimeMillis();
        byte[] bytes;
        try {
            bytes = MessageEncoder.encode(message, getTransport());
            sendMessage(bytes, peer, peerPort, getPeerProtocol(), message instanceof SIPRequest);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("An exception occured while sending message", e); // as JAIN-SIP words it
        }
        sent(message, peer, peerPort, time);
        return bytes;
    }

    private void sent(SIPMessage message, InetAddress receiver, int receiverPort, long time) {
        message.setRemoteAddress(receiver);
        message.setRemotePort(receiverPort);
        message.setLocalPort(getPort());
        message.setLocalAddress(getMessageProcessor().getIpAddress());
        if (!message.isNullRequest()) {
            logMessage(message, receiver, receiverPort, time); // logs only at JAIN-SIP's message trace level
        }
    }

    private boolean selfAddressed(InetAddress peer, int peerPort) {
        MessageProcessor[] processors;
        try {
            processors = (MessageProcessor[]) PROCESSORS.invokeExact(sipStack);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        String protocol = getPeerProtocol();
        for (MessageProcessor processor : processors) {
            if (processor.getIpAddress().equals(peer) && processor.getPort() == peerPort
                    && processor.getTransport().equalsIgnoreCase(protocol)) {
                return true;
            }
        }
        return false;
    }
}
