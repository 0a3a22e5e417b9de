package org.webims.media.codec;

/** The video codecs the media engine encodes and decodes (WebRTC's mandatory pair, RFC 7742 §5). */
public enum VideoCodecType {
    /** VP8 (RFC 6386), RTP payload RFC 7741. */
    VP8,
    /** H.264 Constrained Baseline (ITU-T H.264 Annex A.2.1.1), RTP payload RFC 6184. */
    H264
}
