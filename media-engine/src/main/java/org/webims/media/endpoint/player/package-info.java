/**
 * Kurento's PlayerEndpoint: a file read by {@link org.webims.media.playback.MediaFileReader},
 * paced in real time, and sent out of source pads as RTP payloads (decoded audio as L16).
 */
package org.webims.media.endpoint.player;
