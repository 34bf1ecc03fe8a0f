/** {@code fairhunt demo lastmile}: the provider's card and the customer's test, end to end on this machine. */
package org.fairhunt.lastmile.demo;
