/**
 * The file side of the PlayerEndpoint: reads WebM, MP4, MKV or WAV with FFmpeg into encoded
 * frames per track (Opus, AMR-WB storage format, VP8, H.264 Annex-B; other audio as 20 ms of
 * 16-bit PCM), seeks, and paces the frames in real time on a scheduler.
 */
package org.webims.media.playback;
