package org.webims.sip.arquillian;

import java.nio.file.Path;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;

/**
 * Turns the container's deployment failures into Arquillian's {@link DeploymentException},
 * naming files inside the archive rather than the temporary folder it was exported to, in the
 * container's own "file:line: reason" form: {@code uas.war!/WEB-INF/sip.xml:7: reason}.
 */
final class DeploymentFailures {
    private DeploymentFailures() {
    }

    static DeploymentException inArchive(String archiveName, Path exportedTo,
                                         org.webims.sip.container.deploy.DeploymentException failure) {
        String file = failure.file();
        String folder = exportedTo.toAbsolutePath().normalize().toString();
        String shown;
        if (file.equals(folder)) {
            shown = archiveName;
        } else if (file.startsWith(folder + "/")) {
            shown = archiveName + "!" + file.substring(folder.length());
        } else {
            shown = file;
        }
        // the container's exception formats the message; only the file's name changes
        String message = new org.webims.sip.container.deploy.DeploymentException(shown, failure.line(), failure.reason())
                .getMessage();
        return new DeploymentException(message, failure);
    }

    static DeploymentException of(String archiveName, String what, Exception cause) {
        return new DeploymentException(archiveName + ": " + what + ": " + cause.getMessage(), cause);
    }
}
