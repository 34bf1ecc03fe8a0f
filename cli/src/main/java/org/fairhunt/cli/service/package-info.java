/**
 * The audit service: {@code serve} and {@code admin}.
 */
package org.fairhunt.cli.service;
