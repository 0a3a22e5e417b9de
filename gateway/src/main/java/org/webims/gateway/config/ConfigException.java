package org.webims.gateway.config;

/** A configuration that cannot be used. The message names where (file and line, flag or variable), the key and what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException at(ConfigOrigin origin, String key, String problem) {
        return new ConfigException(origin + ": " + key + ": " + problem);
    }
}
