/** Options shared by every trajectory reader. */
export interface OpenOptions {
  /**
   * Force the dimension instead of detecting it (2 when every z of frame 0 is the same).
   * With 2, z is carried along but 2D analyses ignore it.
   */
  dimension?: 2 | 3;
  /** Progress of the one-time passes (gunzip, indexing): bytes done out of total. */
  onProgress?: (done: number, total: number) => void;
}
