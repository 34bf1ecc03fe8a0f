/**
 * A bounty program on one machine: its directory holds an SQLite database (settings, feature schema,
 * the three data splits, groups, submissions with the numbers behind each verdict, and the list's
 * nodes) and a content-addressed store of ONNX files. Every decision is one transaction, so a killed
 * process never leaves half an update, and every model version can be rebuilt from the record.
 */
package org.fairhunt.bounty.program;
