/**
 * Speech reports: the sclite-style {@code summary.txt} of a WER audit (Corr/Sub/Del/Ins/Err/S.Err per
 * slice with the WER interval, numbers through {@link org.fairhunt.report.Formats}) and the set of files
 * {@code fairhunt wer --out} writes (the audit's JSON, Markdown and HTML beside the speech files).
 */
package org.fairhunt.report.speech;
