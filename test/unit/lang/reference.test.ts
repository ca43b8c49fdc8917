import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageReference } from '../../../src/core/lang/reference';
import { statements } from '../../../src/core/lang/registry';

describe('docs/language.md', () => {
  it('is the reference generated from the statement specs (run `npm run docs` after changing a statement)', () => {
    expect(readFileSync('docs/language.md', 'utf8')).toBe(languageReference());
  });

  it('documents every statement and every parameter with a meaning', () => {
    const text = languageReference();
    for (const s of statements) {
      expect(text).toContain(`### \`${s.doc.verb}\``);
      for (const p of s.doc.params) {
        expect(p.doc.length, `${s.doc.verb}.${p.name}`).toBeGreaterThan(5);
        expect(text).toContain(`\`${p.name}\``);
      }
    }
  });
});
