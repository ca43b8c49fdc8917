/**
 * What a particle viewer currently shows of a frame (species toggles, slab, highlighted value
 * range) and the one filtering pass every viewer uses, DOM-free so it is testable in Node.
 */

/** The viewer's filters; every field optional (an empty view shows everything). */
export interface SnapshotView {
  /** Species indices (into speciesNames) that are not drawn (species toggles). */
  readonly hiddenSpecies?: ReadonlySet<number>;
  /** Keep only particles with lo <= position[axis] <= hi (sigma_AA): a slab of a 3D frame. */
  readonly slab?: { readonly axis: 0 | 1 | 2; readonly lo: number; readonly hi: number } | null;
  /** Highlight particles with lo <= value <= hi; the others are drawn faint grey. */
  readonly valueRange?: { readonly lo: number; readonly hi: number } | null;
}

/** The particle arrays the filter reads (a SnapshotOutput or a ParticleFrame is one). */
export interface FilterInput {
  /** Float32Array row-major [n x 3], sigma_AA. */
  readonly positions: Float32Array;
  /** Uint8Array [n], species index. */
  readonly species: Uint8Array;
  /** Float32Array [n], the colouring value, or null when the frame has none. */
  readonly values: Float32Array | null;
  readonly valueName: string;
}

/**
 * Indices of the particles `view` draws, in particle order, written into `drawn` (Uint32Array
 * [>= n]); returns how many. A particle is drawn unless its species is hidden or it lies outside
 * the slab; the value range does not remove particles (see `insideValueRange`).
 * Throws RangeError if the slab or value range is inverted (lo > hi, or NaN), if a value range is
 * asked of a frame without values, or if `drawn` is shorter than the particle count.
 */
export function filterParticles(frame: FilterInput, view: SnapshotView, drawn: Uint32Array): number {
  const { positions, species } = frame;
  const { hiddenSpecies, slab, valueRange } = view;
  if (slab && !(slab.lo <= slab.hi)) throw new RangeError(`slab: lo (${slab.lo}) must be <= hi (${slab.hi})`);
  if (valueRange && !(valueRange.lo <= valueRange.hi))
    throw new RangeError(`${frame.valueName} range: lo (${valueRange.lo}) must be <= hi (${valueRange.hi})`);
  if (valueRange && !frame.values) throw new RangeError(`${frame.valueName} range: this frame has no values to highlight`);
  if (drawn.length < species.length) throw new RangeError(`filterParticles: index buffer holds ${drawn.length}, need ${species.length}`);
  let count = 0;
  // One pass over the particles: 100,000 of them must refilter within a frame or two.
  for (let i = 0; i < species.length; i++) {
    if (hiddenSpecies?.has(species[i])) continue;
    if (slab) {
      const p = positions[3 * i + slab.axis];
      if (!(p >= slab.lo && p <= slab.hi)) continue;
    }
    drawn[count++] = i;
  }
  return count;
}

/** Whether `value` is highlighted: always without a range; NaN is never inside a range. */
export function insideValueRange(view: SnapshotView, value: number): boolean {
  const range = view.valueRange;
  return !range || (value >= range.lo && value <= range.hi);
}
