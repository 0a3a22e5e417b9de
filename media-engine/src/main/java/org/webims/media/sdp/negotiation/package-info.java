/**
 * SDP offer/answer (RFC 3264) for RTP media: {@link org.webims.media.sdp.negotiation.Answerer}
 * answers an offer from our {@link org.webims.media.sdp.negotiation.LocalCapabilities},
 * {@link org.webims.media.sdp.negotiation.Offerer} makes an offer and checks the answer to it.
 * Both yield one {@link org.webims.media.sdp.negotiation.NegotiatedMedia} per m-line, what an
 * RTP endpoint needs to send and receive. Codec matching reads the fmtp rules of H.264
 * (RFC 6184 §8.2.2), AMR/AMR-WB (RFC 4867 §8.3.1), telephone-event (RFC 4733 §2.4.1); SDES keys
 * follow RFC 4568. ICE, DTLS and BUNDLE are the WebRTC endpoint's, preconditions the IMS profile's.
 */
package org.webims.media.sdp.negotiation;
