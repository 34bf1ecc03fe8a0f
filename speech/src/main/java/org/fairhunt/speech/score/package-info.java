/**
 * Scoring of utterance pairs: per-utterance word and character edit counts after normalization, the
 * mergeable corpus totals (WER, CER, sentence error rate, substitution/deletion/insertion rates) that
 * sclite reports, per-speaker and per-group totals, and sclite's matched-pair sentence-segment word
 * error test (MAPSSWE) for comparing two recognizers on the same utterances.
 */
package org.fairhunt.speech.score;
