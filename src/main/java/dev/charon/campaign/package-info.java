/**
 * The campaign folder (YAML, Markdown, images) loaded once into immutable records, and its read
 * endpoints.
 *
 * <ul>
 *   <li>{@link dev.charon.campaign.CampaignLoader} reads a folder ({@code galaxy/}, {@code campaign/})
 *       into a {@link dev.charon.campaign.Campaign}; the YAML is parsed by Jackson's YAML data format
 *       ({@code YamlTree} only keeps line numbers). Nothing in the content is fatal: each unusable
 *       file or entry is a {@link dev.charon.campaign.Problem} with file and line, logged once. With
 *       no folder configured the demo campaign shipped in the WAR is extracted to
 *       {@code <data dir>/demo-campaign/} and loaded from there.</li>
 *   <li>{@link dev.charon.campaign.CampaignFiles} is the only class that touches the folder: no
 *       symbolic link below the campaign root is followed (each is a problem), so nothing outside
 *       the folder is ever read.</li>
 *   <li>{@link dev.charon.campaign.CampaignReads} answers the read endpoints from the loaded records
 *       (never from disk), applying the player's view of the active state; every answer is
 *       revalidated by an ETag ({@link dev.charon.campaign.Cacheable}).</li>
 *   <li>Image URLs are {@code api/campaign/images/<path relative to the campaign root>}; only files
 *       indexed at load time in the image folders are served ({@link dev.charon.campaign.CampaignImages}).</li>
 *   <li>{@link dev.charon.campaign.CampaignReloader} re-reads the folder on demand and when a polled
 *       fingerprint shows an edit, swaps the campaign in and prunes the active state in one
 *       transition.</li>
 * </ul>
 */
package dev.charon.campaign;
