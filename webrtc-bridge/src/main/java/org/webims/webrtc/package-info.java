/**
 * The WebRtcEndpoint element for the media engine: ICE-lite (docs/decisions/0008), DTLS-SRTP
 * (BouncyCastle), BUNDLE, rtcp-mux and RTCP feedback.
 */
package org.webims.webrtc;
