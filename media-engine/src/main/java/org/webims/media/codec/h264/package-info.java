/** H.264 Constrained Baseline: the system openh264 encoder bound with JNA, Annex-B NAL reading, levels. */
package org.webims.media.codec.h264;
