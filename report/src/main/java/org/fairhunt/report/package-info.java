/** JSON, Markdown and self-contained HTML reports. */
package org.fairhunt.report;
