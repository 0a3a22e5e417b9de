/**
 * The pieces of an RTP receive and send path that the plain RTP endpoint and the WebRTC endpoint
 * share (issue 5: one receive path and one send path): payload kinds and keyframe detection, the
 * reused {@link org.webims.media.pipeline.MediaPacket} filled from a received packet, and the
 * outgoing packet assembled with sender continuity and the caller's header extensions. Sockets,
 * demultiplexing, SRTP keying and RTCP stay with each endpoint.
 */
package org.webims.media.endpoint.rtp.path;
