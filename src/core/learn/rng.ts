/**
 * Seeded pseudo-random numbers for everything in learning that must be reproducible across runs
 * and machines: training-set sampling, fold assignment, the SVM's coordinate order.
 *
 * Generator: xoshiro128** 1.1 ([BlackmanVigna2021]; code: https://prng.di.unimi.it/xoshiro128starstar.c),
 * 128-bit state, 32-bit outputs. The state is filled from the seed with splitmix64 (the seeding
 * the xoshiro authors recommend): its first two 64-bit outputs give s0 = low(o1), s1 = high(o1),
 * s2 = low(o2), s3 = high(o2). Math.random is never used.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Throws RangeError unless `seed` is a non-negative safe integer. */
  constructor(seed: number) {
    if (!(Number.isSafeInteger(seed) && seed >= 0)) {
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    }
    const mask = (1n << 64n) - 1n;
    let x = BigInt(seed);
    const splitmix64 = (): bigint => {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      return z ^ (z >> 31n);
    };
    const o1 = splitmix64();
    const o2 = splitmix64();
    this.s0 = Number(o1 & 0xffffffffn);
    this.s1 = Number(o1 >> 32n);
    this.s2 = Number(o2 & 0xffffffffn);
    this.s3 = Number(o2 >> 32n);
  }

  /** Next raw output, an unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 random bits. */
  nextFloat(): number {
    return this.nextUint32() * 2 ** -32;
  }

  /**
   * Uniform integer in [0, n), without modulo bias (draws above the largest multiple of n are
   * rejected). Throws RangeError unless n is an integer in [1, 2^32].
   */
  nextInt(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 32)) {
      throw new RangeError(`nextInt needs an integer n in [1, 2^32], got ${n}`);
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal deviate (Box-Muller; 1 - u keeps the logarithm finite). */
  nextGaussian(): number {
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `array` in place (Fisher-Yates, last element first) and returns it. */
  shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  /**
   * k distinct integers drawn uniformly from [0, n), returned sorted ascending as Int32Array [k].
   * Floyd's algorithm: O(k) time and memory, so picking a few thousand environments out of
   * millions of (frame, particle) candidates never allocates an n-sized array.
   * Throws RangeError unless 0 <= k <= n are integers and n < 2^31.
   */
  sample(k: number, n: number): Int32Array {
    if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 31)) throw new RangeError(`sample: n must be an integer in [0, 2^31), got ${n}`);
    if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new RangeError(`sample: k must be an integer in [0, n=${n}], got ${k}`);
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.nextInt(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    return Int32Array.from(chosen).sort();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
