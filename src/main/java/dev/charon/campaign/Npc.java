package dev.charon.campaign;

/**
 * An entry of {@code campaign/npcs.yaml}.
 *
 * @param portraitUrl URL relative to the context root, or "" when the NPC has no portrait
 */
public record Npc(String id, String name, String portraitUrl, String role, String faction, String description) {}
