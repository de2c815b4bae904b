/** A zip could not be written (its own module: the CLI's host throws it without loading the writer). */
export class ZipWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZipWriteError';
  }
}
