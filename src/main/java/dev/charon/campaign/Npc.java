package dev.charon.campaign;

/**
 * An entry of {@code campaign/npcs.yaml}.
 *
 * @param portraitUrl URL relative to the context root, or "" when the NPC has no portrait
 * @param location where the NPC is usually found (free text, for the personnel tab)
 * @param status free text such as ACTIVE or MISSING
 */
public record Npc(String id, String name, String portraitUrl, String role, String faction, String description,
    String location, String status) {}
