/**
 * Raw video: I420 pictures in native memory (pooled), scaling, and a moving test pattern.
 */
package org.webims.media.video;
