package org.webims.sip.stack;

/** The stack could not open its sockets or start; the message names what failed. */
public final class SipStackStartException extends Exception {
    public SipStackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
