package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Properties;
import javax.sip.ListeningPoint;

/**
 * Named in the stack property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}: JAIN-SIP's NIO
 * processors, with accepted TCP and WS connections read by our framers, and TLS and WSS ones too
 * once JAIN-SIP's SSL engine has decrypted their bytes. UDP is screened at its socket
 * ({@link ScreeningNetworkLayer}) and handed to the stack on the receiving thread
 * ({@link InlineUdpMessageProcessor}).
 */
public final class ScreeningMessageProcessorFactory extends NioMessageProcessorFactory {
    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        Properties properties = ((SipStackImpl) stack).getConfigurationProperties();
        InboundLimits limits = InboundLimits.readFrom(properties);
        if (transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new ScreeningTcpMessageProcessor(address, stack, port, limits);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TLS)) {
            return new ScreeningTlsMessageProcessor(address, stack, port, limits);
        }
        if (transport.equalsIgnoreCase(ListeningPointExt.WS)) {
            return new ScreeningWebSocketMessageProcessor(address, stack, port, limits,
                    WebSocketOrigins.readFrom(properties));
        }
        if (transport.equalsIgnoreCase(ListeningPointExt.WSS)) {
            return new ScreeningSecureWebSocketMessageProcessor(address, stack, port, limits,
                    WebSocketOrigins.readFrom(properties));
        }
        if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            return new InlineUdpMessageProcessor(address, stack, port);
        }
        return super.createMessageProcessor(stack, address, port, transport);
    }
}
