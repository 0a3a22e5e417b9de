package org.webims.testims.ua;

/** A UE's credentials: its public identity, private identity and password (the AKA stand-in). */
public record ImsIdentity(String impu, String impi, String password, String domain) {

    /** The user part of the IMPU, for the Contact. */
    public String user() {
        String rest = impu.substring(impu.indexOf(':') + 1);
        int at = rest.indexOf('@');
        return at < 0 ? rest : rest.substring(0, at);
    }

    public ImsIdentity withPassword(String value) {
        return new ImsIdentity(impu, impi, value, domain);
    }
}
