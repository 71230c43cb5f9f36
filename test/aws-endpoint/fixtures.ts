/**
 * Recorded responses, by `<signing service>/<Operation>` (the whole listing, served page by page) or
 * `<service>/<Operation>/<key>` for calls about one thing (`iam/ListAccessKeys/alice`,
 * `s3/<bucket>/versioning`). On disk: `<dir>/<service>/<Operation>.xml|json`,
 * `<dir>/<service>/<Operation>/<key>.xml|json`, `<dir>/s3/<bucket>/<subresource>.xml|json`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export class FixtureStore {
  readonly responses = new Map<string, string>();

  /** Loads every `.xml`/`.json` file under `dir`, keyed by its path without the extension. */
  static fromDirectory(dir: string): FixtureStore {
    const store = new FixtureStore();
    const visit = (path: string): void => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) visit(full);
        else if (/\.(xml|json)$/.test(name)) {
          const key = relative(dir, full)
            .split(sep)
            .join('/')
            .replace(/\.(xml|json)$/, '');
          store.responses.set(key, readFileSync(full, 'utf8'));
        }
      }
    };
    visit(dir);
    return store;
  }

  set(key: string, body: string): this {
    this.responses.set(key, body);
    return this;
  }

  get(key: string): string | undefined {
    return this.responses.get(key);
  }
}
