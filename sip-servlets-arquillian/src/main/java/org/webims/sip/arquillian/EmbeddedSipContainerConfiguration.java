package org.webims.sip.arquillian;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The embedded SIP container's settings, read from the container's {@code <configuration>} in
 * arquillian.xml (one {@code <property name="...">} per setter).
 *
 * <ul>
 *   <li>{@code sipPort}: the UDP and TCP port on 127.0.0.1; 0 (the default) picks a free port at
 *       start, which tests read from the injected {@link SipEndpoint}</li>
 *   <li>{@code darFile}: a default application router (DAR) file, JSR 289 Appendix C; a relative
 *       path is resolved against the working directory. Unset: no router, and the only deployed
 *       application receives every initial request</li>
 *   <li>{@code maxMessageBytes}: the largest message accepted on TCP (65536)</li>
 *   <li>{@code stackName}: the SIP stack's name in logs and thread names ("arquillian-sip")</li>
 * </ul>
 */
public final class EmbeddedSipContainerConfiguration implements ContainerConfiguration {
    private int sipPort;
    private String darFile;
    private int maxMessageBytes = 65536;
    private String stackName = "arquillian-sip";

    public int getSipPort() {
        return sipPort;
    }

    public void setSipPort(int sipPort) {
        this.sipPort = sipPort;
    }

    public String getDarFile() {
        return darFile;
    }

    public void setDarFile(String darFile) {
        this.darFile = darFile == null || darFile.isBlank() ? null : darFile.strip();
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public String getStackName() {
        return stackName;
    }

    public void setStackName(String stackName) {
        this.stackName = stackName;
    }

    /** The DAR file as a path, or null when none is configured. */
    Path darPath() {
        return darFile == null ? null : Path.of(darFile).toAbsolutePath().normalize();
    }

    @Override
    public void validate() {
        if (sipPort < 0 || sipPort > 65535) {
            throw new ConfigurationException("sipPort " + sipPort + " is out of range: 1-65535, or 0 for a free port");
        }
        if (maxMessageBytes < 1024) {
            throw new ConfigurationException("maxMessageBytes " + maxMessageBytes + " is below 1024");
        }
        if (stackName == null || stackName.isBlank()) {
            throw new ConfigurationException("stackName is empty");
        }
        Path dar = darPath();
        if (dar != null && !Files.isRegularFile(dar)) {
            throw new ConfigurationException("darFile " + dar + ": no such file");
        }
    }
}
