package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * The part of a screen's {@link MessageDispatch.Origin} that only passes on to the screened
 * channel: its stack, its parser's error handling and the hand-over of a parsed message. Stream
 * (TCP, TLS) and WebSocket (WS, WSS) screens differ in how they frame and answer, not in this.
 */
abstract class ChannelOrigin implements MessageDispatch.Origin {
    private final ScreenedChannel channel;
    private final InboundLimits limits;

    ChannelOrigin(ScreenedChannel channel, InboundLimits limits) {
        this.channel = channel;
        this.limits = limits;
    }

    @Override
    public final SIPTransactionStack stack() {
        return channel.getSIPStack();
    }

    @Override
    public final InboundLimits limits() {
        return limits;
    }

    @Override
    public final void deliver(SIPMessage message) throws Exception {
        channel.processMessage(message);
    }

    @Override
    public final void handleException(ParseException ex, SIPMessage message, Class headerClass, String headerText,
                                      String messageText) throws ParseException {
        channel.handleException(ex, message, headerClass, headerText, messageText);
    }
}
