/**
 * The pointer decision list (Globus-Harris, Kearns and Roth, FAccT 2022): a base model and a list of
 * nodes, each created by an accepted (group, model) pair or by a repair that sends an earlier group
 * back to the model version where its error was lowest. {@link org.fairhunt.bounty.pdl.PdlEngine}
 * keeps every version's predictions on the holdout and decides submissions;
 * {@link org.fairhunt.bounty.pdl.PdlPredictor} evaluates any version on new rows.
 */
package org.fairhunt.bounty.pdl;
