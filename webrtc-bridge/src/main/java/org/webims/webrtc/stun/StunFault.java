package org.webims.webrtc.stun;

/** Why bytes are not a STUN message we can use; the caller counts and drops. */
public enum StunFault {
    NONE,
    TOO_SHORT,
    NOT_STUN,
    BAD_LENGTH,
    BAD_ATTRIBUTE,
    BAD_FINGERPRINT
}
