/**
 * The JSR 289 addressing types (URI, SipURI, TelURL, Address, Parameterable) as views over
 * JAIN-SIP's objects, so that a change made by an application is a change to the message.
 *
 * <p>JAIN-SIP objects always hold the wire form (escaped URI parts, quoted-string content);
 * the views unescape on the way out and escape on the way in. Text from applications is checked
 * against the RFC 3261 / RFC 3966 grammar here ({@code UriSyntax}, {@code HeaderSyntax}) before
 * JAIN-SIP's lenient parsers build the objects, and bad text is a ServletParseException that
 * says what is wrong and where.
 */
package org.webims.sip.container.address;
