/**
 * Dimension implied by one frame's positions (row-major Float64Array [n x 3]; readers apply it to frame 0):
 * 2 when every z is identical (LAMMPS `dimension 2` writes z = 0; 2D XYZ files repeat one z),
 * else 3. Exact comparison on purpose: a 3D film with tiny z spread is still 3D. Throws nothing.
 */
export function dimensionFromZ(positions: Float64Array): 2 | 3 {
  const z0 = positions[2];
  for (let i = 5; i < positions.length; i += 3) if (positions[i] !== z0) return 3;
  return 2;
}
