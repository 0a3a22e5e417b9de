package org.webims.sip.container.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends a response without a server transaction, for a request JAIN-SIP would make none for:
 * on the connection the request came on (RFC 3261 §18.2.2), or over UDP where its top Via, with
 * received and rport, says. The provider alone would follow the Via's transport even for a
 * request that came on a connection.
 */
public final class StatelessResponder {
    private StatelessResponder() {
    }

    public static void send(SipProvider provider, Request request, Response response) throws SipException {
        if (request instanceof SIPRequest sip && sip.getMessageChannel() instanceof MessageChannel channel
                && channel.isReliable() && response instanceof SIPMessage message) {
            try {
                channel.sendMessage(message);
            } catch (IOException e) {
                throw new SipException("could not answer on the connection the request came on", e);
            }
        } else {
            provider.sendResponse(response);
        }
    }
}
