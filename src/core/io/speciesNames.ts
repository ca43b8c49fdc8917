/**
 * Labels for numeric species (LAMMPS atom types, numeric XYZ species): type t -> index t - 1
 * -> 'A', 'B', ..., 'Z', then 'type27', 'type28', ... (Frame/Trajectory contract: type 1 = A,
 * the majority species of Kob-Andersen). `count` is the number of types (<= 255, the range of
 * Frame.species). Throws RangeError outside 0..255.
 */
export function letterSpeciesNames(count: number): string[] {
  if (!Number.isInteger(count) || count < 0 || count > 255) {
    throw new RangeError(`species count must be an integer in 0..255, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `type${i + 1}`));
}
