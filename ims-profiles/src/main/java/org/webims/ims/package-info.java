/**
 * IMS behaviour of an application server on ISC (3GPP TS 24.229 §5.7): IMS header rules, the
 * MTSI media profile (TS 26.114) and carrier profile descriptors.
 */
package org.webims.ims;
