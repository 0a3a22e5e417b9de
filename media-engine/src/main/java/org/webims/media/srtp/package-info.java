/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) over byte arrays, in place, on the JDK's JCE.
 *
 * <p>An {@link org.webims.media.srtp.SrtpSender} protects and an
 * {@link org.webims.media.srtp.SrtpReceiver} unprotects the packets of one master key (SDES,
 * RFC 4568, or DTLS-SRTP, RFC 5764). Per-SSRC state (rollover counter, replay window, SRTCP
 * index) is created on demand up to a bound; bad packets get a typed {@link
 * org.webims.media.srtp.SrtpResult}, are counted and never throw. One thread at a time per
 * sender or receiver (the endpoint's I/O thread): no locks on the packet path.
 */
package org.webims.media.srtp;
