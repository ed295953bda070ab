package dev.charon.campaign;

/** Something wrong in the campaign folder, reported once with file and line (line 0 = unknown). */
public record Problem(String file, int line, String message) {}
