package org.webims.sip.container.deploy;

import javax.servlet.sip.Address;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.URI;

/** The pattern variables of a request, read through the JSR 289 API only (JSR 289 §16.3). */
public final class ServletRequestVariables implements RequestVariables {
    private final SipServletRequest request;

    public ServletRequestVariables(SipServletRequest request) {
        this.request = request;
    }

    @Override
    public String resolve(String variable) {
        PatternVariable v = PatternVariable.parse(variable);
        if (v == null) {
            return null;
        }
        return switch (v.source()) {
            case METHOD -> request.getMethod();
            case URI -> uriValue(request.getRequestURI(), v);
            case FROM -> addressValue(request.getFrom(), v);
            case TO -> addressValue(request.getTo(), v);
        };
    }

    private static String addressValue(Address address, PatternVariable v) {
        if (address == null) {
            return null;
        }
        return switch (v.addressPart()) {
            case WHOLE -> address.toString();
            case DISPLAY_NAME -> address.getDisplayName();
            case URI -> uriValue(address.getURI(), v);
        };
    }

    private static String uriValue(URI uri, PatternVariable v) {
        if (uri == null) {
            return null;
        }
        SipURI sip = uri instanceof SipURI s ? s : null;
        return switch (v.uriPart()) {
            case WHOLE -> uri.toString();
            case SCHEME -> uri.getScheme();
            case USER -> sip == null ? null : sip.getUser();
            case HOST -> sip == null ? null : sip.getHost();
            case PORT -> sip == null ? null : port(sip);
            case TEL -> telephoneNumber(uri);
            case PARAM -> uri.getParameter(v.paramName());
        };
    }

    /** RFC 3261 §19.1.1: an absent port means 5060, or 5061 for sips. */
    private static String port(SipURI sip) {
        int port = sip.getPort() > 0 ? sip.getPort() : sip.isSecure() ? 5061 : 5060;
        return Integer.toString(port);
    }

    /**
     * The number of a tel URI, or of a SIP URI with user=phone (RFC 3261 §19.1.1), with "+" for a
     * global number and without RFC 3966 §5.1.1 visual separators.
     */
    private static String telephoneNumber(URI uri) {
        if (uri instanceof TelURL tel) {
            String number = tel.getPhoneNumber();
            // the JSR 289 TelURL.getPhoneNumber() leaves the leading "+" of a global number out
            boolean addPlus = tel.isGlobal() && !number.startsWith("+");
            return withoutVisualSeparators(addPlus ? "+" + number : number);
        }
        if (uri instanceof SipURI sip && "phone".equals(sip.getUserParam()) && sip.getUser() != null) {
            String user = sip.getUser();
            int parameters = user.indexOf(';');
            return withoutVisualSeparators(parameters < 0 ? user : user.substring(0, parameters));
        }
        return null;
    }

    private static String withoutVisualSeparators(String number) {
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
