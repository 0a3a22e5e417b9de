package org.webims.sip.stack.inbound;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.stack.outbound.EncodingUdpChannel;

/**
 * JAIN-SIP's UDP processor, reading every datagram into one reused buffer and handing it to the
 * stack on the receiving thread. JAIN-SIP's own loop allocates and zeroes a buffer of the largest
 * datagram size (64 KiB) per datagram and queues it to a second thread: a wake-up and a context
 * switch per message. The stack copies the datagram's bytes before it parses, and its listener
 * (ours) only hands events to executors, so nothing here waits on application code, and one
 * thread keeps messages in arrival order (an ACK then a BYE sent back to back).
 */
final class InlineUdpMessageProcessor extends UDPMessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InlineUdpMessageProcessor.class);

    private final AtomicLong failures = new AtomicLong();
    private volatile Thread receiver;
    private Channel channel; // made in start(), before the receiving thread is

    InlineUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        JainSipInternals.sendUdpFromListeningSocket(stack);
    }

    /**
     * Makes the channel before the receiving thread starts, not on it as JAIN-SIP's processor does:
     * a stop right after start then finds the channel to close instead of no list at all.
     */
    @Override
    public void start() throws IOException {
        // The channel carries per-datagram state (the peer's address); the receiving thread alone
        // uses it. Its own thread waits on the unused queue until stop() interrupts it.
        channel = new Channel(sipStack, this, ((SipStackImpl) sipStack).getStackName() + "-UDPIdleChannel");
        LinkedList<UDPMessageChannel> channels = new LinkedList<>();
        channels.add(channel);
        this.messageChannels = channels;
        super.start();
    }

    @Override
    public void run() {
        receiver = Thread.currentThread();
        Channel channel = this.channel;
        byte[] buffer = new byte[getMaxMessageSize()];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                packet.setData(buffer, 0, buffer.length); // the stack reads from offset 0
                sock.receive(packet);
                JainSipInternals.PROCESS_DATAGRAM.invokeExact((UDPMessageChannel) channel, packet);
            } catch (SocketTimeoutException e) {
                // only with a thread auditor's timeout set: go round again
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                failed(e);
            } catch (Throwable e) {
                if (e instanceof Error && !(e instanceof StackOverflowError)) {
                    throw (Error) e;
                }
                failed(e); // one bad datagram never stops the listener
            }
        }
    }

    /**
     * Closes the socket, then waits for the receiving thread to leave its loop: once stop returns,
     * no datagram read before the close is still on its way to the listener.
     */
    @Override
    public void stop() {
        super.stop();
        ProcessorThreads.awaitEnd(receiver);
    }

    private void failed(Throwable e) {
        failures.incrementAndGet();
        LOG.atDebug().setCause(e).addKeyValue("failures", failures.get()).log("udp datagram not processed");
    }

    // What the stack sends goes through channels made here; they encode with the container's encoder.
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws UnknownHostException {
        return new EncodingUdpChannel(target.getInetAddress(), target.getPort(), sipStack, this);
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) {
        return new EncodingUdpChannel(host, port, sipStack, this);
    }

    /** The largest datagram the stack accepts, at most what UDP can carry. */
    private int getMaxMessageSize() {
        int max = sipStack.getMaxMessageSize();
        return max > 0 && max < SipStackImpl.MAX_DATAGRAM_SIZE ? max : SipStackImpl.MAX_DATAGRAM_SIZE;
    }

    /** A processing channel (UDPMessageChannel's constructor is protected). */
    private static final class Channel extends UDPMessageChannel {
        Channel(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }
    }
}
