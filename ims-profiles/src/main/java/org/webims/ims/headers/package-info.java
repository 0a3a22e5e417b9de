/**
 * IMS header rules of an AS on ISC (TS 24.229 §5.7), one class per header or rule, on JAIN-SIP
 * messages: P-Asserted-Identity and Privacy (RFC 3325, RFC 3323), P-Charging-Vector and the
 * charging data of third-party REGISTER (RFC 7315, TS 24.229 §5.7.1.1), P-Access-Network-Info,
 * P-Served-User (RFC 5502), the profile's header edits, the ISC Route set with the original
 * dialog identifier ({@link org.webims.ims.headers.IscRoute}) and the session case.
 */
package org.webims.ims.headers;
