/**
 * Who may do what: accounts (GM and players) with PBKDF2 password hashes, login sessions kept in
 * H2, device cookies and throttles against password guessing and floods, the one access table
 * every API request passes through, and CSRF/same-origin checks.
 */
package dev.charon.security;
