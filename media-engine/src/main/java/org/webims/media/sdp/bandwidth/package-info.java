/**
 * SDP bandwidth (RFC 8866 §5.8 b=AS, RFC 3890 b=TIAS, RFC 3556 b=RS/b=RR): the lines our
 * descriptions carry ({@link org.webims.media.sdp.bandwidth.ReceiveBandwidth}, from
 * {@link org.webims.media.sdp.bandwidth.SdpBandwidths}) and the send ceiling a far end's lines set
 * ({@link org.webims.media.sdp.bandwidth.SendCeiling}; a session-level one shared over audio and video,
 * {@link org.webims.media.sdp.bandwidth.SessionShare}; RFC 3890 a=maxprate both ways), and the far end's
 * RTCP bandwidth ({@link org.webims.media.sdp.bandwidth.RtcpBandwidth}).
 */
package org.webims.media.sdp.bandwidth;
