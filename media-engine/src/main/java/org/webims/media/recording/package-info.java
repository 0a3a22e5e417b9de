/**
 * The file side of the RecorderEndpoint: muxes encoded frames (Opus, AMR-WB storage format,
 * VP8, H.264 Annex-B, or PCM encoded to AAC) into WebM, MP4 or MKV with FFmpeg, off the media
 * thread, with pause cuts and crash-safe flushing. Knows nothing of RTP or pads.
 */
package org.webims.media.recording;
