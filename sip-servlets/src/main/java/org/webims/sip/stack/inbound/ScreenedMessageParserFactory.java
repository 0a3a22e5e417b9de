package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** Named in the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}. */
public final class ScreenedMessageParserFactory implements MessageParserFactory {
    private static final ScreenedMessageParser PARSER = new ScreenedMessageParser(); // stateless

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return PARSER;
    }
}
