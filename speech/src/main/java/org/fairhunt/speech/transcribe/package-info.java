/**
 * Speech recognizers behind one small interface: any external command that takes a WAV file and
 * prints the text, and pocketsphinx through its command line. {@link
 * org.fairhunt.speech.transcribe.BatchTranscription} runs one over many files in parallel with a per-file
 * timeout and a progress line; a failure on one file is recorded and the batch goes on.
 */
package org.fairhunt.speech.transcribe;
