/**
 * Carrier profiles: one XML file per IMS network (schema {@code carrier-profile.xsd}, namespace
 * {@code urn:webims:carrier-profile:1}), read by
 * {@link org.webims.ims.profile.CarrierProfileReader} into an immutable
 * {@link org.webims.ims.profile.CarrierProfile}. Schema and semantic errors name file, line and
 * column. Examples: {@code conf/profiles/volte-plain.xml}, {@code conf/profiles/volte-strict.xml}.
 */
package org.webims.ims.profile;
