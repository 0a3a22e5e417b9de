package org.webims.gateway.config;

/** One setting's text and where it was given. */
public record ConfigValue(String key, String text, ConfigOrigin origin) {
    public ConfigException error(String problem) {
        return ConfigException.at(origin, key, problem);
    }
}
