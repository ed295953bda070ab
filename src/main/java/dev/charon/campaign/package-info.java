/** The campaign folder (YAML, Markdown, images) loaded once into immutable records, and its read endpoints. */
package dev.charon.campaign;
