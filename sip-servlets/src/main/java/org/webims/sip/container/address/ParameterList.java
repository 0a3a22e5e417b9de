package org.webims.sip.container.address;

import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.webims.sip.container.address.SipChars.UriPart;

/**
 * The javax.servlet.sip view of a JAIN-SIP parameter list, which it reads and writes in place:
 * names match case-insensitively (RFC 3261 §7.3.1, §19.1.4), values come out unescaped and go in
 * escaped, "" stands for a flag parameter (JSR 289 Parameterable#getParameter) and a null value
 * removes the parameter.
 */
final class ParameterList {
    /** How names and values are written in the list. */
    enum Codec {
        /** SIP and tel URI parameters: %HH escaping (RFC 3261 §19.1.2). */
        URI_PARAM,
        /** SIP URI headers (?name=value): %HH escaping; an empty value is a value, not a flag. */
        URI_HEADER,
        /** Header parameters: token names, values as token or quoted-string (RFC 3261 §25.1 generic-param). */
        HEADER_PARAM
    }

    private final NameValueList list;
    private final Codec codec;

    ParameterList(NameValueList list, Codec codec) {
        this.list = list;
        this.codec = codec;
    }

    /** The unescaped value, "" for a flag, or null when absent. */
    String get(String name) {
        NameValue nv = find(name);
        return nv == null ? null : decodeValue(nv);
    }

    boolean has(String name) {
        return find(name) != null;
    }

    /** Unescaped names in order of appearance. */
    List<String> names() {
        List<String> names = new ArrayList<>(list.size());
        for (Iterator<NameValue> it = list.iterator(); it.hasNext(); ) {
            names.add(decodeName(it.next().getName()));
        }
        return names;
    }

    Iterator<String> nameIterator() {
        return Collections.unmodifiableList(names()).iterator();
    }

    /** A snapshot of name/value pairs in order of appearance. */
    Set<Map.Entry<String, String>> entries() {
        Set<Map.Entry<String, String>> entries = new LinkedHashSet<>();
        for (Iterator<NameValue> it = list.iterator(); it.hasNext(); ) {
            NameValue nv = it.next();
            entries.add(new SimpleImmutableEntry<>(decodeName(nv.getName()), decodeValue(nv)));
        }
        return Collections.unmodifiableSet(entries);
    }

    int size() {
        return list.size();
    }

    /** Sets (or with a null value removes) a parameter; an existing one keeps its place and spelling. */
    void set(String name, String value) {
        Objects.requireNonNull(name, "parameter name");
        if (value == null) {
            remove(name);
            return;
        }
        NameValue existing = find(name);
        String rawName = existing != null ? existing.getName() : encodeName(name);
        NameValue nv;
        boolean flag = value.isEmpty() && codec != Codec.URI_HEADER;
        if (flag) {
            nv = new NameValue(rawName, null, true);
        } else if (codec == Codec.HEADER_PARAM) {
            nv = headerParam(rawName, value);
        } else {
            nv = new NameValue(rawName, SipChars.escape(value,
                    codec == Codec.URI_HEADER ? UriPart.HEADER : UriPart.PARAM));
        }
        // NameValueList is keyed by the lower-cased name, so the same raw name replaces in place.
        list.set(nv);
    }

    void remove(String name) {
        NameValue nv = find(name);
        if (nv != null) {
            list.delete(nv.getName());
        }
    }

    private static NameValue headerParam(String name, String value) {
        // gen-value = token / host / quoted-string; a value the caller already quoted is kept as it is.
        if (SipChars.isToken(value) || (value.startsWith("[") && UriSyntax.hostProblem(value) == null)) {
            return new NameValue(name, value);
        }
        String content = isQuotedString(value) ? value.substring(1, value.length() - 1)
                : SipChars.quotedContent(value);
        NameValue nv = new NameValue(name, content);
        nv.setQuotedValue();
        return nv;
    }

    private static boolean isQuotedString(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return false;
        }
        int last = value.length() - 1;
        int i = 1;
        while (i < last) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= last) {
                    return false;
                }
                i += 2;
            } else if (c == '"' || c == '\r' || c == '\n') {
                return false;
            } else {
                i++;
            }
        }
        return i == last;
    }

    private NameValue find(String name) {
        for (Iterator<NameValue> it = list.iterator(); it.hasNext(); ) {
            NameValue nv = it.next();
            if (decodeName(nv.getName()).equalsIgnoreCase(name)) {
                return nv;
            }
        }
        return null;
    }

    private String encodeName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        if (codec == Codec.HEADER_PARAM) {
            if (!SipChars.isToken(name)) {
                throw new IllegalArgumentException("parameter name \"" + SipChars.printable(name)
                        + "\" is not a token (RFC 3261 §25.1)");
            }
            return name;
        }
        return SipChars.escape(name, codec == Codec.URI_HEADER ? UriPart.HEADER : UriPart.PARAM);
    }

    private String decodeName(String raw) {
        return codec == Codec.HEADER_PARAM ? raw : SipChars.unescape(raw);
    }

    private String decodeValue(NameValue nv) {
        Object value = nv.getValueAsObject();
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (codec == Codec.HEADER_PARAM) {
            return nv.isValueQuoted() ? SipChars.unquote(text) : text;
        }
        return SipChars.unescape(text);
    }
}
