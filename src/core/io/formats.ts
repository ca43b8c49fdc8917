import { writeLammpsDump, type DumpWriteOptions } from './dumpWriter';
import type { Frame, Trajectory } from './frame';
import { openGsd } from './gsd';
import { startsWithGsdMagic } from './gsdFile';
import { lammpsDumpFormat, openLammpsDump } from './lammpsDump';
import type { OpenOptions } from './openOptions';
import type { TextFormat } from './textTrajectory';
import { openXyz, xyzFormat } from './xyz';

/** The start of a file's plain data (after gunzip), as the sniffers see it. */
export interface FileHead {
  /** The first bytes (at most SNIFF_BYTES; fewer for a shorter file). */
  readonly bytes: Buffer;
  /** The first line of `bytes` (latin1), trimmed. */
  readonly firstLine: string;
}

/**
 * Writes `frames` to `outPath` in a format, atomically and never over `options.inputPaths`,
 * gzip-compressed when the name ends in `.gz` (see writeLammpsDump for what is thrown).
 */
export type TrajectoryWriter = (outPath: string, frames: Iterable<Frame>, options: DumpWriteOptions) => void;

/** One trajectory format: how it is named, recognised, opened, streamed and written. */
export interface TrajectoryFormat {
  /** `Trajectory.format` of what `open` returns. */
  readonly id: Trajectory['format'];
  /** Name shown to users (dialogs, CLI help, errors, README). */
  readonly label: string;
  /** File extensions, lower case and without the dot; a name matches case-insensitively. */
  readonly extensions: readonly string[];
  /** True when `<name>.<extension>.gz` is read too (decompressed once into the gunzip cache, gunzip.ts). */
  readonly gzip: boolean;
  /** What the content starts with, in words (the unknown-format error quotes it). */
  readonly signature: string;
  /** Whether a file whose name says nothing is of this format, judged by its first bytes. */
  sniff(head: FileHead): boolean;
  /** Opens the file for lazy random access (the reader's docstring gives the Frame layout, units and errors). */
  open(path: string, options?: OpenOptions): Trajectory;
  /**
   * The text format whose frame splitter indexes the file in one streaming pass
   * (openTrajectoryStreaming); null when the file is opened whole by `open` (binary formats
   * that carry their own frame index).
   */
  readonly streaming: TextFormat | null;
  /** The writer, or null for a read-only format. */
  readonly write: TrajectoryWriter | null;
}

/**
 * Every trajectory format Softness Studio reads, in the order names are matched and content is
 * sniffed. Extensions, dialogs' filters, the CLI help, the unknown-format error, the `load`
 * summary and the custom-editor selectors in package.json (checked by test/unit/io/formats.test.ts)
 * all derive from this table. Sources: LAMMPS `dump` doc (text format); libAtoms/ASE extended
 * XYZ convention; GSD file layer and HOOMD-blue `hoomd` schema.
 */
export const TRAJECTORY_FORMATS: readonly TrajectoryFormat[] = [
  {
    id: 'lammps-dump',
    label: 'LAMMPS dump',
    extensions: ['lammpstrj', 'dump', 'atom'],
    gzip: true,
    signature: "a first line 'ITEM: ...'",
    sniff: (head) => head.firstLine.startsWith('ITEM:'),
    open: openLammpsDump,
    streaming: lammpsDumpFormat,
    write: writeLammpsDump,
  },
  {
    id: 'xyz',
    label: 'XYZ / extended XYZ',
    extensions: ['xyz', 'extxyz'],
    gzip: true,
    signature: 'a first line holding only the atom count',
    sniff: (head) => /^\d+$/.test(head.firstLine),
    open: openXyz,
    streaming: xyzFormat,
    write: null,
  },
  {
    id: 'gsd',
    label: 'HOOMD-blue GSD',
    extensions: ['gsd'],
    gzip: true,
    signature: 'the GSD magic number 0x65df65df65df65df',
    sniff: (head) => startsWithGsdMagic(head.bytes),
    open: openGsd,
    streaming: null,
    write: null,
  },
];
