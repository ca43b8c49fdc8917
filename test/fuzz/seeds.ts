import { join } from 'node:path';
import { openTrajectory } from '../../src/core/io/open';
import { frameDigest } from './frameContract';

/** Where failing fuzz inputs are kept (each with a .json sidecar) and replayed from. */
export const FUZZ_FIXTURES = join(__dirname, '../fixtures/io/fuzz');

const digests = new Map<string, string[]>();

/** The frame digests of a seed fixture (read once), what `same` and `prefix` mutations are held to. */
export function seedDigests(path: string): string[] {
  let known = digests.get(path);
  if (!known) {
    const trajectory = openTrajectory(path);
    known = Array.from({ length: trajectory.frameCount }, (_, k) => frameDigest(trajectory.readFrame(k)));
    trajectory.close();
    digests.set(path, known);
  }
  return known;
}
