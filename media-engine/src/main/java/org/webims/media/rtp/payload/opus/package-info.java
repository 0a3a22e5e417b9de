/** Opus over RTP (RFC 7587): one Opus packet per RTP payload. */
package org.webims.media.rtp.payload.opus;
