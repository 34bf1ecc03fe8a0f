/** The fairhunt command and the runnable jar. */
package org.fairhunt.cli;
