import type { KernelSession } from './kernelSession';

/**
 * One KernelSession per open notebook, keyed by the notebook's URI string and created on first
 * use with the options current at that moment (so a changed memory limit applies to new kernels).
 */
export class KernelRegistry {
  private readonly sessions = new Map<string, KernelSession>();

  constructor(private readonly create: () => KernelSession) {}

  /** The notebook's kernel, started lazily (its worker starts with the first cell). */
  get(notebookUri: string): KernelSession {
    let session = this.sessions.get(notebookUri);
    if (!session) {
      session = this.create();
      this.sessions.set(notebookUri, session);
    }
    return session;
  }

  /** Restart Kernel: returns the names lost, or null if the notebook had no kernel yet. */
  restart(notebookUri: string): readonly string[] | null {
    return this.sessions.get(notebookUri)?.restart() ?? null;
  }

  /** The notebook was closed: stop its worker. */
  close(notebookUri: string): void {
    this.sessions.get(notebookUri)?.dispose();
    this.sessions.delete(notebookUri);
  }

  /** Stops every worker (deactivate). */
  dispose(): void {
    for (const key of [...this.sessions.keys()]) this.close(key);
  }
}
