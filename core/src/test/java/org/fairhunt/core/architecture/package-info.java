/** Tests of the package structure: which package may lean on which. */
package org.fairhunt.core.architecture;
