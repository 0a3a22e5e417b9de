/**
 * The WebRtcEndpoint element for the media engine: ICE (ice4j), DTLS-SRTP (BouncyCastle,
 * jitsi-srtp), BUNDLE, rtcp-mux and RTCP feedback.
 */
package org.webims.webrtc;
