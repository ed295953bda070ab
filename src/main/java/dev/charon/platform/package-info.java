/** Start-up: settings, the H2 database with its Flyway schema, the service graph and health. */
package dev.charon.platform;
