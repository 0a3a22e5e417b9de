package org.webims.sip.container.deploy;

/** A name an application refers to (a main servlet), with where it said so. */
record DeclaredName(String name, SourceLocation source) {
}
