package org.webims.sip.container.address;

import gov.nist.javax.sip.header.Accept;
import gov.nist.javax.sip.header.AcceptEncoding;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.AlertInfo;
import gov.nist.javax.sip.header.CallInfo;
import gov.nist.javax.sip.header.ContentDisposition;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.ErrorInfo;
import gov.nist.javax.sip.header.Event;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Reason;
import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.SubscriptionState;
import gov.nist.javax.sip.header.extensions.MinSE;
import gov.nist.javax.sip.header.extensions.SessionExpires;
import java.text.ParseException;
import javax.servlet.sip.ServletParseException;
import javax.sip.InvalidArgumentException;

/**
 * Reads and writes the field value (the part before the parameters) of JAIN-SIP header objects,
 * which keep it in fields of their own per header type.
 */
final class FieldValues {
    private FieldValues() {
    }

    static String get(ParametersHeader header) {
        if (header instanceof GenericParameterableHeader generic) {
            return generic.value();
        }
        ParametersHeader bare = (ParametersHeader) header.clone();
        bare.removeParameters();
        return bare.getHeaderValue().strip();
    }

    /**
     * Sets the field value of the header types a Parameterable is used for (JSR 289 §5.4.2).
     *
     * @throws IllegalArgumentException if the value does not fit the header
     * @throws UnsupportedOperationException for other header types
     */
    static void set(ParametersHeader header, String value) {
        try {
            HeaderSyntax.ValueParts parts = HeaderSyntax.parameterable(value);
            if (!parts.params().isEmpty()) {
                throw new IllegalArgumentException("a field value carries no parameters (use setParameter): \""
                        + SipChars.printable(value) + "\"");
            }
            setChecked(header, parts.value());
        } catch (ServletParseException | ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void setChecked(ParametersHeader header, String value)
            throws ServletParseException, ParseException, InvalidArgumentException {
        if (header instanceof GenericParameterableHeader generic) {
            generic.setValue(value);
        } else if (header instanceof ContentType contentType) {
            String[] media = mediaType(value);
            contentType.setContentType(media[0], media[1]);
        } else if (header instanceof Accept accept) {
            String[] media = mediaType(value);
            accept.setContentType(media[0]);
            accept.setContentSubType(media[1]);
        } else if (header instanceof Event event) {
            event.setEventType(token(value));
        } else if (header instanceof SubscriptionState state) {
            state.setState(token(value));
        } else if (header instanceof ContentDisposition disposition) {
            disposition.setDispositionType(token(value));
        } else if (header instanceof AcceptEncoding encoding) {
            encoding.setEncoding(token(value));
        } else if (header instanceof Reason reason) {
            reason.setProtocol(token(value));
        } else if (header instanceof RetryAfter retryAfter) {
            retryAfter.setRetryAfter(seconds(value));
        } else if (header instanceof SessionExpires sessionExpires) {
            sessionExpires.setExpires(seconds(value));
        } else if (header instanceof MinSE minSe) {
            minSe.setExpires(seconds(value));
        } else if (header instanceof AlertInfo alertInfo) {
            alertInfo.setAlertInfo(bracketedUri(value));
        } else if (header instanceof CallInfo callInfo) {
            callInfo.setInfo(bracketedUri(value));
        } else if (header instanceof ErrorInfo errorInfo) {
            errorInfo.setErrorInfo(bracketedUri(value));
        } else if (header instanceof AddressParametersHeader address) {
            JainAddress.replaceValue(address, value);
        } else {
            throw new UnsupportedOperationException("setting the value of a " + header.getName()
                    + " header is not supported; replace the header instead");
        }
    }

    private static String[] mediaType(String value) {
        int slash = value.indexOf('/');
        String type = slash < 0 ? "" : value.substring(0, slash).strip();
        String subtype = slash < 0 ? "" : value.substring(slash + 1).strip();
        if (!SipChars.isToken(type) || !SipChars.isToken(subtype)) {
            throw new IllegalArgumentException("\"" + SipChars.printable(value) + "\" is not a media type (type/subtype)");
        }
        return new String[] {type, subtype};
    }

    private static String token(String value) {
        if (!SipChars.isToken(value)) {
            throw new IllegalArgumentException("\"" + SipChars.printable(value) + "\" is not a token");
        }
        return value;
    }

    private static int seconds(String value) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("\"" + SipChars.printable(value) + "\" is not a number of seconds");
        }
        return Integer.parseInt(value);
    }

    private static javax.sip.address.URI bracketedUri(String value) throws ServletParseException {
        if (!value.startsWith("<") || !value.endsWith(">")) {
            throw new IllegalArgumentException("\"" + SipChars.printable(value) + "\" is not a URI in <>");
        }
        return JainURIs.parseBacking(value.substring(1, value.length() - 1));
    }
}
