package org.webims.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace (gov.nist.javax.sip.SERVER_LOGGER), sent to the SLF4J logger
 * {@code sip.messages} at TRACE only: per-message logging never at INFO.
 */
public final class Slf4jMessageLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("sip.messages");

    @Override public void closeLogFile() { }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        trace(message, from, to, sender);
    }

    private static void trace(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.atTrace().addKeyValue("direction", sender ? "out" : "in")
                    .addKeyValue("from", from).addKeyValue("to", to)
                    .log("{}", message.encode());
        }
    }

    @Override public void logException(Exception ex) { LOG.debug("sip message exception", ex); }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public void setSipStack(SipStack sipStack) { }
}
