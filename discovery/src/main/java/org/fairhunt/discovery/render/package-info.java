/**
 * Writers for slice-finding and coverage results: JSON (the data), Markdown (for a pull request or a
 * ticket) and a self-contained HTML page with inline SVG charts and no external resources.
 */
package org.fairhunt.discovery.render;
