/** DTMF digits as RTP telephone-events (RFC 4733 §2.3). */
package org.webims.media.rtp.payload.dtmf;
