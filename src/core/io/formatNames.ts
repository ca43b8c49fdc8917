import { TRAJECTORY_FORMATS, type TrajectoryFormat } from './formats';

/**
 * The formats and their file names in one line, e.g. "LAMMPS dump (.lammpstrj, .dump, .atom,
 * optionally .gz), XYZ / extended XYZ (.xyz, .extxyz, optionally .gz), HOOMD-blue GSD (.gsd,
 * optionally .gz)": for the `load` statement's doc, the CLI help and the unknown-format error.
 * `which` picks rows (default all; e.g. only the writable ones).
 */
export function formatSummary(which: (format: TrajectoryFormat) => boolean = () => true): string {
  const names = (format: TrajectoryFormat) => [...format.extensions.map((ext) => `.${ext}`), ...(format.gzip ? ['optionally .gz'] : [])];
  return TRAJECTORY_FORMATS.filter(which)
    .map((format) => `${format.label} (${names(format).join(', ')})`)
    .join(', ');
}

/**
 * Every file-name pattern a format is recognised by, e.g. `*.lammpstrj` and `*.lammpstrj.gz`:
 * what package.json's `customEditors` selectors of the trajectory preview must list.
 */
export function trajectoryFilenamePatterns(): string[] {
  return TRAJECTORY_FORMATS.flatMap((format) =>
    format.extensions.flatMap((ext) => (format.gzip ? [`*.${ext}`, `*.${ext}.gz`] : [`*.${ext}`])),
  );
}

/**
 * Filters for VS Code's open dialogs (`showOpenDialog`): every extension of the table, plus `gz`
 * (a filter matches the last extension only, so `run.dump.gz` needs `gz`), plus all files, since
 * a trajectory with any other name is recognised by its content.
 */
export function trajectoryFileFilters(): Record<string, string[]> {
  const extensions = TRAJECTORY_FORMATS.flatMap((format) => format.extensions);
  const gzip = TRAJECTORY_FORMATS.some((format) => format.gzip) ? ['gz'] : [];
  return { Trajectories: [...extensions, ...gzip], 'All files': ['*'] };
}
