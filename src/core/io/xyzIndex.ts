import { truncatedLastLine, type FrameSplitter, type FrameStarts } from './frameIndex';
import { TrajectoryError } from './frame';

/**
 * Frame splitter for (extended) XYZ: a frame is an atom-count line N, a comment line and N
 * atom lines; blank lines between frames are allowed. The N + 1 following lines are skipped
 * by the scanner, never decoded.
 *
 * Throws TrajectoryError (naming `file`, frame and line) when a frame does not start with a
 * positive integer count (e.g. more atom lines than N), N differs from frame 0's, the file ends
 * inside a frame (truncated last frame) or inside its last line (no final newline), or the file
 * holds no frame.
 */
export function xyzSplitter(file: string): (starts: FrameStarts) => FrameSplitter {
  return (starts) => new XyzSplitter(file, starts);
}

class XyzSplitter implements FrameSplitter {
  private frame = -1;
  private atomCount = -1;
  private countLine = 0;

  constructor(
    private readonly file: string,
    private readonly starts: FrameStarts,
  ) {}

  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number): number {
    const text = buf.toString('latin1', start, end).trim();
    if (text === '') return 0;
    const where = { frame: this.frame + 1, line: lineNo };
    if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
      const extra = this.frame >= 0 ? ` (frame ${this.frame} has more than its ${this.atomCount} atom lines?)` : '';
      throw new TrajectoryError(
        this.file,
        where,
        `expected a positive integer atom count starting an XYZ frame, found '${text.slice(0, 60)}'${extra}`,
      );
    }
    const n = Number(text);
    if (this.atomCount >= 0 && n !== this.atomCount) {
      throw new TrajectoryError(
        this.file,
        where,
        `number of atoms changes from ${this.atomCount} (frame 0) to ${n}; a trajectory must keep the same atoms`,
      );
    }
    this.atomCount = n;
    this.countLine = lineNo;
    this.frame++;
    this.starts.begin(offset, lineNo);
    return n + 1;
  }

  finish(nextLine: number, missingLines: number, unterminated: boolean): void {
    // The cut line belongs to the current frame, or starts the next one when that is complete.
    if (unterminated) throw truncatedLastLine(this.file, missingLines > 0 ? this.frame : this.frame + 1, nextLine);
    const where = { frame: this.frame, line: nextLine };
    if (missingLines > 0) {
      const found = this.atomCount - missingLines;
      throw new TrajectoryError(
        this.file,
        where,
        found < 0
          ? `truncated frame: file ends after the atom count (line ${this.countLine}), expected a comment line and ${this.atomCount} atom lines`
          : `truncated frame: expected ${this.atomCount} atom lines after the comment (line ${this.countLine + 1}), file ends after ${found}`,
      );
    }
    if (this.frame < 0) throw new TrajectoryError(this.file, { line: nextLine }, 'no frame found: expected an atom count line');
  }
}
