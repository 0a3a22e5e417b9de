/** VP8: the system libvpx encoder bound with JNA, and the frame header reader. */
package org.webims.media.codec.vp8;
