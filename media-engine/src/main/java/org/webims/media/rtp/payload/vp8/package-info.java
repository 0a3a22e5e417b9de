/** VP8 over RTP (RFC 7741): payload descriptor, key frame detection, frame reassembly and splitting. */
package org.webims.media.rtp.payload.vp8;
