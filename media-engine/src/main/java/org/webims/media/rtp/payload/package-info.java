/**
 * RTP payload formats: the {@link org.webims.media.rtp.payload.Depacketizer} (RTP payloads to codec
 * frames) and {@link org.webims.media.rtp.payload.Packetizer} (a frame to RTP payloads within an
 * MTU) interfaces and one subpackage per format. Nothing allocates per packet.
 */
package org.webims.media.rtp.payload;
