/**
 * Kurento's RtpEndpoint: plain RTP/RTCP (RTP/AVP, RTP/AVPF) and SDES-SRTP (RTP/SAVP, RTP/SAVPF)
 * towards one peer per media type, negotiated with SDP offer/answer (RFC 3264). Sockets are read
 * by the engine's shared {@link org.webims.media.transport.MediaIoLoop}; RTCP timers run on the
 * engine's scheduler; no thread per endpoint.
 */
package org.webims.media.endpoint.rtp;
