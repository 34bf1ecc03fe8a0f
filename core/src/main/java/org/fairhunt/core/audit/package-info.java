/**
 * The audit as a user asks for it: {@link org.fairhunt.core.audit.AuditRequest} names columns and
 * options the way the command line does; {@link org.fairhunt.core.audit.Auditor} chooses the
 * statistics (classification, scores, regression), bins numeric groups, runs the engine and builds the
 * result. Front ends (command line, service, Spark) call this rather than assembling engine parts.
 */
package org.fairhunt.core.audit;
