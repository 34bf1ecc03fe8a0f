/** JMH benchmarks and end-to-end benchmark drivers. */
package org.fairhunt.bench;
