import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalText, parseNumber } from '../../../src/core/io/parseNumber';

const parse = (text: string) => {
  const bytes = Buffer.from(text, 'latin1');
  return parseNumber(bytes, 0, bytes.length);
};

describe('parseNumber', () => {
  it('is bit-exact against Number() for shortest, fixed, exponential and %g-like forms', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }), (x, digits) => {
        for (const text of [String(x), x.toPrecision(digits), x.toExponential(digits - 1), x.toFixed(Math.min(digits, 20))]) {
          if (!Number.isFinite(Number(text))) continue;
          expect(parse(text), text).toBe(Number(text));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parses the forms LAMMPS and XYZ writers emit', () => {
    expect(parse('-12')).toBe(-12);
    expect(parse('+3.5')).toBe(3.5);
    expect(parse('.5')).toBe(0.5);
    expect(parse('1.')).toBe(1);
    expect(parse('6.02E+23')).toBe(6.02e23);
    expect(parse('-8.3979809569125363e-01')).toBe(-0.83979809569125363);
    expect(parse('0.000000000000000000000000001')).toBe(1e-27);
    // The double nearest to 12345678901234567890 (the literal itself would lose precision silently).
    expect(parse('12345678901234567890')).toBe(12345678901234567000);
  });

  it('returns NaN for anything that is not one complete decimal number', () => {
    for (const bad of ['', '-', '.', 'e5', '1e', '1e+', '1.2.3', '1,5', 'abc', '3x', 'nan', 'NaN', 'inf', '-Infinity', '0x10', '1 2']) {
      expect(parse(bad), bad).toBeNaN();
    }
  });

  it('overflows to Infinity (callers reject it) and parses slices in place', () => {
    expect(parse('1e400')).toBe(Infinity);
    const bytes = Buffer.from('id 42.25 7');
    expect(parseNumber(bytes, 3, 8)).toBe(42.25);
    expect(parseDecimalText('2.5e-3')).toBe(0.0025);
    expect(parseDecimalText('')).toBeNaN();
  });
});
