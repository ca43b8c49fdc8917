import type { ValueKind } from '../../core/lang/values';
import { parseLenient } from './lenientParse';
import { findStatementDoc } from './statementIndex';

/**
 * Result names defined before the cell being checked (earlier cells, or the kernel's session), with
 * the kind of value each holds, or null when the kind is not known statically.
 */
export type KnownNames = ReadonlyMap<string, ValueKind | null>;

/**
 * Names a cell defines (`name = verb ...`) on lines before `beforeLine` (1-based; all lines by
 * default) and the kind of each — the `returns` of its statement, null for an unknown statement —
 * for the cells after it. Lines that do not parse are skipped. Never throws on bad input.
 */
export function definedNames(source: string, beforeLine = Infinity): Map<string, ValueKind | null> {
  const names = new Map<string, ValueKind | null>();
  for (const s of parseLenient(source).statements) {
    if (s.target !== null && s.pos.line < beforeLine) names.set(s.target, findStatementDoc(s.verb)?.returns ?? null);
  }
  return names;
}
