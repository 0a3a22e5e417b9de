package org.webims.media.rtp.payload.amrwb;

/** The two RFC 4867 payload formats (SDP {@code octet-align=1} or not). */
public enum AmrWbPayloadFormat {
    /** §4.3: CMR, ToC entries and speech bits packed without padding. */
    BANDWIDTH_EFFICIENT,
    /** §4.4: CMR, each ToC entry and each speech frame padded to whole octets. */
    OCTET_ALIGNED
}
