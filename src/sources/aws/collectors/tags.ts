import { objectsOf } from '../json.js';

/** `[{Key, Value}]` (most services) or `{key: value}` (Lambda, EKS, ...) → a record. */
export function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const tag of objectsOf(value)) {
      const key = tag.Key ?? tag.key ?? tag.TagKey;
      const v = tag.Value ?? tag.value ?? tag.TagValue;
      if (typeof key === 'string') tags[key] = typeof v === 'string' ? v : '';
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') tags[key] = v;
  }
  return tags;
}

/** The CloudFormation `Tags` list of a tag record, or undefined when there are none. */
export function cfnTags(tags: Record<string, string>): Array<{ Key: string; Value: string }> | undefined {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? list : undefined;
}
