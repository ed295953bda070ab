/** HTTP plumbing shared by every feature: the JAX-RS application, JSON bodies and errors, headers. */
package dev.charon.web;
