/**
 * Input that cannot be loaded at all: a syntax error, a corrupted file, a missing path. The CLI
 * prints the location and exits with code 2. Problems that leave the rest loadable become
 * coverage gaps instead.
 */
export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON path or property path, e.g. `Resources.Web.Properties.ImageId`. */
  readonly path?: string;

  constructor(message: string, where: { file?: string; line?: number; column?: number; path?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.path = where.path;
  }

  /** `file:line:column: message (at path)`, the form editors and CI logs link to. */
  get located(): string {
    const place = [this.file, this.line, this.line !== undefined ? this.column : undefined]
      .filter((p) => p !== undefined)
      .join(':');
    const at = this.path ? ` (at ${this.path})` : '';
    return place ? `${place}: ${this.message}${at}` : `${this.message}${at}`;
  }
}
