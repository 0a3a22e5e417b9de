package org.webims.media.kurento.rpc;

/** A request that gets an error response; the connection carries on. */
public final class RpcException extends Exception {

    private final KurentoError error;

    public RpcException(KurentoError error, String message) {
        super(message);
        this.error = error;
    }

    public RpcException(KurentoError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public KurentoError error() {
        return error;
    }
}
