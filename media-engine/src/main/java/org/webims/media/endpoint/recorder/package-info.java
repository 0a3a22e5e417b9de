/**
 * Kurento's RecorderEndpoint: RTP payloads arriving at its sink pads are depacketized into codec
 * frames, put on one clock and handed to the {@link org.webims.media.recording.MediaFileWriter}.
 */
package org.webims.media.endpoint.recorder;
