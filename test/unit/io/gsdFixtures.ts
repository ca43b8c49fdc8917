import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fixtures written by Debian's python3-gsd (test/fixtures/io/gsd/make_gsd_fixtures.py). */
export const GSD_FIXTURES = join(__dirname, '../../fixtures/io/gsd');

export const gsdFixture = (name: string) => join(GSD_FIXTURES, name);

/** One frame as gsd.hoomd reads it back (frame-0 inheritance and defaults applied). */
export interface ExpectedGsdFrame {
  /** Chunks the frame itself stores. */
  stored: string[];
  step: number;
  dimensions: number;
  /** HOOMD box [Lx, Ly, Lz, xy, xz, yz]. */
  box: number[];
  N: number;
  types: string[];
  /** Type name per particle. */
  species: string[];
  /** [N x 3] flattened, float32 values as doubles. */
  position: number[];
  /** position + image through HOOMD's box vectors, when the file stores images. */
  unwrapped?: number[];
  columns: Record<string, number[]>;
}

export interface ExpectedGsd {
  ka3d: { version: [number, number]; types: string[]; frames: ExpectedGsdFrame[] };
  /** `log`: a per-particle log chunk with a name longer than 64 bytes (file layer 2.0 only). */
  twod: { types: string[]; frames: ExpectedGsdFrame[]; log: { name: string; values: number[][] } };
  truncated: { frame: number; chunk: string };
  reference_v1: {
    version: [number, number];
    application: string;
    schema: string;
    frameCount: number;
    names: string[];
    values: Record<string, number[]>[];
  };
}

export const expectedGsd: ExpectedGsd = JSON.parse(readFileSync(gsdFixture('expected.json'), 'utf8'));
