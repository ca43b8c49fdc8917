/** One colour per species index, so that every curve of species Y has the same colour in every panel. */
const SPECIES_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];

/** The colour of species `index` (0-based into the trajectory's speciesNames); cycles after eight species. */
export function speciesColour(index: number): string {
  return SPECIES_COLOURS[index % SPECIES_COLOURS.length];
}
