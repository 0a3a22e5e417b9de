/**
 * SDP (RFC 8866): the session description model, a parser with typed errors and line numbers,
 * and a writer in the canonical line order. Attributes keep their order so a description
 * re-serializes as it came; the ones the media engine acts on have typed classes
 * ({@link org.webims.media.sdp.RtpMap}, {@link org.webims.media.sdp.Crypto},
 * {@link org.webims.media.sdp.Candidate}, ...), the rest stay {@link org.webims.media.sdp.GenericAttribute}.
 * Offer/answer lives in {@code org.webims.media.sdp.negotiation}.
 */
package org.webims.media.sdp;
