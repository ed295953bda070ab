package dev.charon.activeview;

/**
 * A runtime override of one ship system. Fields the GM did not set stay null and fall back to
 * {@code ship.yaml}; a later override merges per field (the original dropped condition/info).
 */
public record ShipOverride(String status, Integer condition, String info) {
  public ShipOverride mergedWith(ShipOverride newer) {
    return new ShipOverride(
        newer.status != null ? newer.status : status,
        newer.condition != null ? newer.condition : condition,
        newer.info != null ? newer.info : info);
  }
}
