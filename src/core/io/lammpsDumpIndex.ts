import { truncatedLastLine, type FrameSplitter, type FrameStarts } from './frameIndex';
import { TrajectoryError } from './frame';

const ITEM = Buffer.from('ITEM:');
const NUMBER_OF_ATOMS = Buffer.from('ITEM: NUMBER OF ATOMS');
const ATOMS = Buffer.from('ITEM: ATOMS');

/**
 * Frame splitter for LAMMPS text dumps (LAMMPS `dump` doc, text format): a frame is a run of
 * `ITEM:` header lines ending with `ITEM: ATOMS`, followed by exactly N atom lines, N from
 * `ITEM: NUMBER OF ATOMS`. Atom lines are skipped by the scanner, never decoded.
 *
 * The splitter throws TrajectoryError (naming `file`, the frame and the line) when a frame does
 * not start with an `ITEM:` line (e.g. more atom lines than N), N is not a positive integer or
 * differs from frame 0's, `ITEM: ATOMS` comes before N, the file ends inside a header or an
 * atom table (truncated last frame) or inside its last line (no final newline), or the file
 * holds no frame at all.
 */
export function lammpsDumpSplitter(file: string): (starts: FrameStarts) => FrameSplitter {
  return (starts) => new DumpSplitter(file, starts);
}

class DumpSplitter implements FrameSplitter {
  private frame = -1;
  private inHeader = false;
  private countNext = false;
  private atomCount = -1;
  private firstAtomCount = -1;
  private atomsLine = 0;

  constructor(
    private readonly file: string,
    private readonly starts: FrameStarts,
  ) {}

  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number): number {
    if (this.countNext) {
      this.countNext = false;
      this.readAtomCount(buf.toString('latin1', start, end).trim(), lineNo);
      return 0;
    }
    if (!this.inHeader) {
      if (isBlank(buf, start, end)) return 0;
      if (!hasPrefix(buf, start, end, ITEM)) {
        const extra = this.frame >= 0 ? ` (frame ${this.frame} has more than its ${this.atomCount} atom lines?)` : '';
        throw new TrajectoryError(
          this.file,
          { frame: this.frame + 1, line: lineNo },
          `expected an 'ITEM:' line starting a frame, found '${buf.toString('latin1', start, Math.min(end, start + 60))}'${extra}`,
        );
      }
      this.frame++;
      this.inHeader = true;
      this.atomCount = -1;
      this.starts.begin(offset, lineNo);
    }
    if (hasPrefix(buf, start, end, NUMBER_OF_ATOMS)) {
      this.countNext = true;
    } else if (hasPrefix(buf, start, end, ATOMS)) {
      if (this.atomCount < 0) {
        throw new TrajectoryError(this.file, { frame: this.frame, line: lineNo }, "expected 'ITEM: NUMBER OF ATOMS' before 'ITEM: ATOMS'");
      }
      this.inHeader = false;
      this.atomsLine = lineNo;
      return this.atomCount;
    }
    return 0;
  }

  finish(nextLine: number, missingLines: number, unterminated: boolean): void {
    if (unterminated) throw truncatedLastLine(this.file, Math.max(0, this.frame), nextLine);
    const where = { frame: this.frame, line: nextLine };
    if (missingLines > 0) {
      const found = this.atomCount - missingLines;
      throw new TrajectoryError(
        this.file,
        where,
        `truncated frame: expected ${this.atomCount} atom lines after 'ITEM: ATOMS' (line ${this.atomsLine}), file ends after ${found}`,
      );
    }
    if (this.inHeader || this.countNext) {
      throw new TrajectoryError(
        this.file,
        where,
        "truncated frame: file ends inside the frame header, expected 'ITEM: NUMBER OF ATOMS' and 'ITEM: ATOMS'",
      );
    }
    if (this.frame < 0) throw new TrajectoryError(this.file, { line: nextLine }, "no frame found: expected 'ITEM: TIMESTEP'");
  }

  private readAtomCount(text: string, lineNo: number): void {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || !Number.isSafeInteger(n)) {
      throw new TrajectoryError(
        this.file,
        { frame: this.frame, line: lineNo },
        `expected a positive integer atom count after 'ITEM: NUMBER OF ATOMS', found '${text}'`,
      );
    }
    if (this.firstAtomCount >= 0 && n !== this.firstAtomCount) {
      throw new TrajectoryError(
        this.file,
        { frame: this.frame, line: lineNo },
        `number of atoms changes from ${this.firstAtomCount} (frame 0) to ${n}; a trajectory must keep the same atoms`,
      );
    }
    this.firstAtomCount = n;
    this.atomCount = n;
  }
}

function hasPrefix(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 32 && buf[i] !== 9) return false;
  return true;
}
