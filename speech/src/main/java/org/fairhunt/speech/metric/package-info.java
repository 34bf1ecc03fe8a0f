/**
 * Word error rate as a statistic of the core audit engine: each utterance adds its reference words,
 * substitutions, deletions, insertions, reference characters, character errors and sentence error to
 * fixed slots; the engine sums them per slice and per (speaker-clustered) bootstrap replicate, and
 * {@code wer, cer, ser, sub_rate, del_rate, ins_rate} are functions of those sums. So per-group and
 * intersection WER get the same intervals, disparities and policies as classification metrics.
 */
package org.fairhunt.speech.metric;
