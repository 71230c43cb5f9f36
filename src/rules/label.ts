import type { Resource } from '../model/index.js';

/**
 * How reasons name a resource: its id, with its name when that says more (`LogsBucket
 * (acme-logs)` for a template bucket with a fixed name, `sg-0abc (web)` for a tagged group).
 */
export function label(resource: Resource): string {
  return resource.name && resource.name !== resource.id ? `${resource.id} (${resource.name})` : resource.id;
}
