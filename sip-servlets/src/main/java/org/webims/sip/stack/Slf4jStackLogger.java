package org.webims.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's internal logging to SLF4J, so the stack writes no files of its own and
 * stays quiet at INFO. Named in the stack properties (gov.nist.javax.sip.STACK_LOGGER).
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("jain-sip");

    @Override public void logStackTrace() { if (LOG.isTraceEnabled()) LOG.trace("stack trace", new Throwable()); }
    @Override public void logStackTrace(int traceLevel) { logStackTrace(); }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { LOG.warn("jain-sip exception", ex); }
    @Override public void logDebug(String message) { LOG.debug(message); }
    @Override public void logDebug(String message, Exception ex) { LOG.debug(message, ex); }
    @Override public void logTrace(String message) { LOG.trace(message); }
    @Override public void logFatalError(String message) { LOG.error(message); }
    @Override public void logError(String message) { LOG.error(message); }
    @Override public void logError(String message, Exception ex) { LOG.error(message, ex); }
    @Override public void logWarning(String message) { LOG.warn(message); }
    // The stack's INFO lines are per-message chatter; keep them at DEBUG.
    @Override public void logInfo(String message) { LOG.debug(message); }
    @Override public boolean isLoggingEnabled() { return LOG.isWarnEnabled(); }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level >= TRACE_TRACE) return LOG.isTraceEnabled();
        if (level >= TRACE_INFO) return LOG.isDebugEnabled();
        if (level >= TRACE_WARN) return LOG.isWarnEnabled();
        return level > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return LOG.getName(); }
}
