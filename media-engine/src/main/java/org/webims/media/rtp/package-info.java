/**
 * RTP (RFC 3550) and RTCP (RFC 3550, 4585, 5104) packets: flyweight views over {@code byte[]} +
 * offset + length and writers into caller buffers, sequence arithmetic, reception statistics,
 * and the per-component counters shared by payload formats and the jitter buffer. Parsers never
 * throw on bad bytes: they return {@code false} and name the fault.
 */
package org.webims.media.rtp;
