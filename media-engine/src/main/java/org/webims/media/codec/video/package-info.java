/**
 * The video codec back-ends: {@link org.webims.media.codec.video.VideoBackend} selection, the
 * bundled FFmpeg encoders and the FFmpeg decoders shared by both back-ends, scaling in front of an
 * encoder. The codec-specific system bindings live in {@code codec.vp8} and {@code codec.h264}.
 */
package org.webims.media.codec.video;
