/**
 * H.264 over RTP (RFC 6184), packetization-mode 0 and 1: single NAL unit, STAP-A and FU-A packets
 * to and from Annex B access units; profile-level-id for SDP.
 */
package org.webims.media.rtp.payload.h264;
