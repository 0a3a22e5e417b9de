/**
 * The JSR 289 default application router (Appendix C): the DAR file, its parsed configuration,
 * the pure routing decision, and the {@code SipApplicationRouter} the container calls.
 */
package org.webims.sip.container.router;
