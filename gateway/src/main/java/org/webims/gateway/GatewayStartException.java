package org.webims.gateway;

/** A listener could not be opened; the message says which and why. */
public final class GatewayStartException extends Exception {
    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
