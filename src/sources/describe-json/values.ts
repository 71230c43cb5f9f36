/** A JSON object as the AWS CLI prints it. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A number, also from the numeric strings some APIs return (`"Protocol": "6"`, `"BgpAsn": "65000"`). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function objects(value: unknown): Json[] {
  return arr(value).filter(isObject);
}

export function obj(value: unknown): Json | undefined {
  return isObject(value) ? value : undefined;
}

export function strings(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

/** Non-empty list of strings, or undefined (so that `compact` leaves the key out). */
export function stringList(value: unknown): string[] | undefined {
  const list = strings(value);
  return list.length > 0 ? list : undefined;
}

/**
 * Drops keys whose value is `undefined`, so that props hold only what is set, as the
 * CloudFormation source does ("`Routes`, `Associations`, `Entries` hold only the keys that are set").
 */
export function compact<T extends Json>(value: T): T {
  const out: Json = {};
  // `for…in` rather than `Object.entries`: no pair arrays for the tens of thousands of props objects
  // a large snapshot maps. The values are object literals, with no inherited enumerable keys.
  for (const key in value) {
    const v = value[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** EC2 `Tags` / `TagSet`, RDS `TagList`, ELB `Tags`: `[{Key, Value}]` to a record. */
export function tagRecord(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of objects(value)) {
    const key = str(tag.Key);
    if (key !== undefined) tags[key] = str(tag.Value) ?? '';
  }
  return tags;
}

/** CloudFormation `Tags` prop (`[{Key, Value}]`), or undefined when there are none. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> | undefined {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? list : undefined;
}

/** `us-east-1a` → `us-east-1`; Local Zones (`us-west-2-lax-1a`) and Wavelength zones map to their parent region. */
export function regionOfZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  const match = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})/.exec(zone);
  return match?.[1];
}

/** Parts of an ARN (`arn:partition:service:region:account:resource`), or undefined when it is not one. */
export function parseArn(
  arn: string | undefined,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  if (!arn?.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}

/** The partition of a region, for building ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/**
 * A policy document as the API returns it: an object (the AWS CLI decodes IAM documents), a JSON
 * string (bucket, endpoint and domain policies), or a URL-encoded JSON string (IAM through the raw
 * API and some SDKs, RFC 3986). Returns the object, or an error message.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export function policyDocument(value: unknown): { document: Json } | { error: string } | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isObject(value)) return { document: value };
  if (typeof value !== 'string') return { error: `expected a policy document, found ${typeof value}` };
  const text = value.trim();
  const attempts = [text];
  if (!text.startsWith('{')) {
    try {
      attempts.unshift(decodeURIComponent(text));
    } catch {
      // Not URL-encoded after all; the plain parse below reports the problem.
    }
  }
  for (const attempt of attempts) {
    try {
      const parsed: unknown = JSON.parse(attempt);
      if (isObject(parsed)) return { document: parsed };
    } catch {
      // Try the next form.
    }
  }
  return { error: `policy document is neither JSON nor URL-encoded JSON: ${text.slice(0, 60)}` };
}
