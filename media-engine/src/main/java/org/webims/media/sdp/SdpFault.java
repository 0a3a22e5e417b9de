package org.webims.media.sdp;

/** What kind of fault made a session description unacceptable. */
public enum SdpFault {
    /** A line or a field does not follow the RFC 8866 grammar (or that of the attribute). */
    SYNTAX,
    /** A mandatory line (v=, o=, s=, t=) is missing, or one allowed once appears twice. */
    STRUCTURE,
    /** The description is larger than {@link SdpLimits#maxSize()}. */
    TOO_LARGE,
    /** A line is longer than {@link SdpLimits#maxLineLength()}. */
    LINE_TOO_LONG,
    /** More m= lines than {@link SdpLimits#maxMediaDescriptions()}. */
    TOO_MANY_MEDIA,
    /** More a= lines in one section than {@link SdpLimits#maxAttributes()}. */
    TOO_MANY_ATTRIBUTES
}
