/** The jitter buffer of the decoding path: reorders, delays to a target, reports gaps for concealment. */
package org.webims.media.rtp.jitter;
