package org.webims.interworking.media.remote;

/** A JSON-RPC error a media node answered with: Kurento's code and message. */
final class KurentoRpcException extends Exception {

    private static final long serialVersionUID = 1L;

    /** kms-core: an SDP that does not parse, and offers and answers refused (40201, 40205, 40206). */
    static final int SDP_PARSE_ERROR = 40201;
    static final int SDP_PROCESS_OFFER_ERROR = 40205;
    static final int SDP_PROCESS_ANSWER_ERROR = 40206;

    private final int code;

    KurentoRpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Whether the node refused a session description (as opposed to failing otherwise). */
    boolean isSdpRefusal() {
        return code == SDP_PARSE_ERROR || code == SDP_PROCESS_OFFER_ERROR || code == SDP_PROCESS_ANSWER_ERROR;
    }
}
