/**
 * Speech commands: {@code wer}, {@code augment}, {@code transcribe} and the speech demo.
 */
package org.fairhunt.cli.speech;
