/**
 * The IMS side's headers as the carrier profile asks for them: ims-profiles' header rules
 * (identity, charging, privacy, access network, served user, header edits) applied to the
 * application's SIP servlet messages, and the charging data of third-party REGISTER.
 */
package org.webims.interworking.ims;
