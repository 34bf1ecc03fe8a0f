/** Word error rate, sclite formats, acoustic conditions and transcribers. */
package org.fairhunt.speech;
