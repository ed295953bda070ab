/**
 * Map JSON shaped like the server's answers (bridge.md §2, §8; ids and computed flags added as
 * the server does), cut from the original's fixture: Sol and its neighbours, the Sol system
 * with a belt added, Earth's orbit.
 */
export function starMapJson() {
  return {
    camera: { position: [0, 0, 100], lookAt: [0, 0, 0], fov: 75 },
    ambient_light: { color: 0x222244, intensity: 0.3 },
    systems: [
      { id: 'sol', name: 'Sol', position: [0, 0, 0], color: 0xffffaa, size: 2.5, type: 'star', label: true, location_slug: 'sol', has_system_map: true, info: { description: "Earth's home system", population: '~8 billion' } },
      { id: 'proxima-centauri', name: 'Proxima Centauri', position: [30, -15, 10], color: 0xff6b4a, size: 1.8, type: 'star', label: true, location_slug: 'proxima-centauri', has_system_map: true, info: { description: 'Nearest star, research outpost' } },
      { id: 'tau-ceti', name: 'Tau Ceti', position: [-35, 45, 5], color: 0xffffbb, size: 2.3, type: 'star', label: true, location_slug: 'tau-ceti', has_system_map: true, info: {} },
      { id: 'luyten-star', name: "Luyten's Star", position: [-30, 50, -12], color: 0xff6644, size: 1.9, type: 'star', label: true, location_slug: 'luyten-star', has_system_map: true },
      { id: 'ross-128', name: 'Ross 128', position: [45, -25, 18], color: 0xff5533, size: 1.6, type: 'star', label: true, location_slug: 'ross-128', has_system_map: true },
      { id: 'kepler-442', name: 'Kepler-442', position: [95, -55, 35], color: 0xffaa88, size: 1.8, type: 'star', label: true, location_slug: 'kepler-442', has_system_map: false },
      { id: 'lv-426', name: 'LV-426', position: [-20, 8, -15], color: 0x88ff88, size: 1.0, type: 'planet', label: false, has_system_map: false },
    ],
    routes: [
      { from: 'Sol', to: 'Proxima Centauri', from_id: 'sol', to_id: 'proxima-centauri', color: 0x5a7a9a, route_type: 'primary_route', travel_time_days: 18 },
      { from: 'Sol', to: 'Tau Ceti', from_id: 'sol', to_id: 'tau-ceti', color: 0x5a7a9a },
      // 18.4 and 19.7 units long: the original did not draw these two
      { from: 'Tau Ceti', to: "Luyten's Star", from_id: 'tau-ceti', to_id: 'luyten-star', color: 0x5a7a9a },
      { from: 'Proxima Centauri', to: 'Ross 128', from_id: 'proxima-centauri', to_id: 'ross-128', color: 0x7a6a5a },
      // by name only (no ids)
      { from: 'Tau Ceti', to: 'Kepler-442', color: 0x6a7a8a },
    ],
    nebulae: [{ name: 'The Veil', position: [0, 0, 0], color: 0x5aaa9a, size: 65, particle_count: 3500, opacity: 0.14, type: 'emission' }],
  };
}

export function solSystemJson() {
  return {
    system_slug: 'sol',
    star: { name: 'Sol', type: 'G2V main-sequence', color: 0xffffaa, size: 4.5, corona_intensity: 0.8, light_color: 0xfff8dc },
    camera: { position: [0, 127, 127], lookAt: [0, 0, 0], fov: 75, zoom_limits: [60, 300] },
    time: { current_day: 2183.165, speed_multiplier: 1 },
    bodies: [
      { id: 'mercury', name: 'Mercury', type: 'planet', orbital_radius: 15, orbital_period: 88, orbital_angle: 45, inclination: 7, size: 0.9, color: 0x8c7853, has_orbit_map: false, surface_facility_count: 0, orbital_station_count: 0, moon_count: 0, info: { description: 'Scorched inner planet, uninhabited' } },
      { id: 'earth', name: 'Earth', type: 'planet', location_slug: 'earth', orbital_radius: 40, orbital_period: 365, orbital_angle: 90, inclination: 0, size: 1.5, color: 0x4682b4, has_orbit_map: true, surface_facility_count: 2, orbital_station_count: 0, moon_count: 1, info: { description: "Humanity's homeworld", population: '8.2 billion' } },
      { id: 'mars', name: 'Mars', type: 'planet', location_slug: 'mars', orbital_radius: 55, orbital_period: 687, orbital_angle: 270, inclination: 1.9, size: 1.2, has_orbit_map: false, surface_facility_count: 0, orbital_station_count: 0, moon_count: 0 },
      { id: 'main-belt', name: 'Main Belt', type: 'asteroid_belt', inner_radius: 65, outer_radius: 80, particle_count: 3000, color: 0x8b7355, opacity: 0.4 },
      { id: 'saturn', name: 'Saturn', type: 'gas_giant', location_slug: 'saturn', orbital_radius: 140, orbital_period: 10759, orbital_angle: 150, inclination: 2.5, size: 4, has_rings: true, ring_inner: 4.2, ring_outer: 5.8, ring_color: 0xe6c9a8, has_orbit_map: true, surface_facility_count: 0, orbital_station_count: 0, moon_count: 0 },
    ],
    structures: [],
  };
}

export function earthOrbitJson() {
  return {
    system_slug: 'sol',
    body_slug: 'earth',
    planet: { name: 'Earth', type: 'planet', size: 15, rotation_speed: 0.002, axial_tilt: 23.5, texture_config: { type: 'terrestrial_oceanic', primary_color: 0x4682b4, secondary_color: 0x228b22, tertiary_color: 0xffffff, cloud_layer: true, noise_scale: 2.5 } },
    camera: { position: [0, 30, 50], lookAt: [0, 0, 0], fov: 60, zoom_limits: [20, 150] },
    moons: [{ id: 'luna', name: 'Luna', location_slug: 'luna', orbital_radius: 40, orbital_period: 180, orbital_angle: 0, inclination: 5.1, size: 3.5, has_facilities: true, info: { description: "Earth's natural satellite", population: '~2,500' } }],
    orbital_stations: [
      { id: 'gateway-station', name: 'Gateway Station', location_slug: 'gateway-station', orbital_radius: 25, orbital_period: 90, orbital_angle: 120, inclination: 0, size: 1.5, icon_type: 'station', info: { description: 'Primary orbital hub for Earth', type: 'Commercial/Residential' } },
    ],
    surface_markers: [
      { id: 'research-base-alpha', name: 'Research Base Alpha', location_slug: 'research-base-alpha', latitude: 39.79, longitude: -116.39, marker_type: 'research', info: { description: 'Classified research facility', status: 'OPERATIONAL' } },
      { id: 'uscss-morrigan', name: 'USCSS Morrigan', location_slug: 'uscss-morrigan', latitude: 34.9, longitude: -117.88, marker_type: 'ship', info: { status: 'Docked for maintenance' } },
    ],
  };
}
