/**
 * Walks the header lines of one frame's bytes, keeping the file line number for error messages.
 * Headers are a handful of lines, so decoding them to strings is fine; atom tables go through
 * parseAtomTable instead.
 */
export class LineCursor {
  /** Byte position just after the current line (start of the next one). */
  pos = 0;
  /** 1-based file line number of the current line (firstLine - 1 before the first next()). */
  line: number;
  private start = 0;
  private end = 0;

  constructor(
    private readonly buf: Uint8Array,
    firstLine: number,
  ) {
    this.line = firstLine - 1;
  }

  /** Advances to the next line; false (and no advance) at the end of the bytes. */
  next(): boolean {
    if (this.pos >= this.buf.length) return false;
    let nl = this.buf.indexOf(10, this.pos);
    if (nl < 0) nl = this.buf.length;
    this.start = this.pos;
    this.end = nl;
    this.pos = nl + 1;
    this.line++;
    return true;
  }

  /** The current line as a string with surrounding whitespace (and `\r`) removed. */
  text(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + this.start, this.end - this.start)
      .toString('latin1')
      .trim();
  }
}
