package org.webims.media.kurento.rpc;

/**
 * The error codes this server answers with: JSON-RPC 2.0's own (§5.1) and Kurento Media Server's
 * (KMS {@code KurentoException.hpp}; kurento-client checks 40007, 40100, 40101 and 40105 by number).
 * The constant's name goes into {@code error.data.type}, as KMS does.
 *
 * <pre>
 *  code    name                                   when
 * -32700   PARSE_ERROR                            the text is not JSON
 * -32600   INVALID_REQUEST                        JSON, but not a JSON-RPC 2.0 request object
 * -32601   METHOD_NOT_FOUND                       unknown method
 * -32602   INVALID_PARAMS                         a parameter missing or of the wrong type
 * -32603   INTERNAL_ERROR                         a bug here; the connection carries on
 *  40003   UNEXPECTED_ERROR                       the engine refused for a reason not listed below
 *  40005   UNSUPPORTED_MEDIA_TYPE                 mediaType DATA (the engine has audio and video pads)
 *  40007   INVALID_SESSION                        unknown sessionId, or another session's id on a bound connection
 *  40008   MALFORMED_TRANSACTION                  a transaction's operations list is not a list of requests
 *  40009   NOT_ENOUGH_RESOURCES                   max sessions, objects per session, pipelines or elements reached
 *  40100   MEDIA_OBJECT_TYPE_NOT_FOUND            create with a type nobody registered
 *  40101   MEDIA_OBJECT_NOT_FOUND                 an object id that does not exist (or was released)
 *  40105   MEDIA_OBJECT_METHOD_NOT_FOUND          invoke with an operation the type does not have
 *  40106   MEDIA_OBJECT_EVENT_NOT_SUPPORTED       subscribe to an event the type does not raise
 *  40107   MEDIA_OBJECT_ILLEGAL_PARAM_ERROR       well-typed but unusable parameters (elements share no media type)
 *  40201   SDP_PARSE_ERROR                        a session description that does not parse
 *  40204   SDP_END_POINT_GENERATE_OFFER_ERROR     no offer could be made (no ports)
 *  40205   SDP_END_POINT_PROCESS_OFFER_ERROR      an offer parsed but refused (nothing acceptable)
 *  40206   SDP_END_POINT_PROCESS_ANSWER_ERROR     an answer parsed but refused
 *  40209   SDP_END_POINT_NOT_OFFER_GENERATED      processAnswer without an offer of ours pending
 *  40401   ICE_ADD_CANDIDATE_ERROR                addIceCandidate with a malformed candidate
 * </pre>
 */
public enum KurentoError {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    UNEXPECTED_ERROR(40003),
    UNSUPPORTED_MEDIA_TYPE(40005),
    INVALID_SESSION(40007),
    MALFORMED_TRANSACTION(40008),
    NOT_ENOUGH_RESOURCES(40009),
    MEDIA_OBJECT_TYPE_NOT_FOUND(40100),
    MEDIA_OBJECT_NOT_FOUND(40101),
    MEDIA_OBJECT_METHOD_NOT_FOUND(40105),
    MEDIA_OBJECT_EVENT_NOT_SUPPORTED(40106),
    MEDIA_OBJECT_ILLEGAL_PARAM_ERROR(40107),
    SDP_PARSE_ERROR(40201),
    SDP_END_POINT_GENERATE_OFFER_ERROR(40204),
    SDP_END_POINT_PROCESS_OFFER_ERROR(40205),
    SDP_END_POINT_PROCESS_ANSWER_ERROR(40206),
    SDP_END_POINT_NOT_OFFER_GENERATED(40209),
    ICE_ADD_CANDIDATE_ERROR(40401);

    private final int code;

    KurentoError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
