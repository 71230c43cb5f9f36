/**
 * IAM access-key writes, made in the recordings `iam/ListAccessKeys/<user>` and
 * `iam/GetAccessKeyLastUsed/<key>`, so the next read sees them. CreateAccessKey answers a fresh
 * key id and secret (the secret is also kept in `secrets`, for tests that check it never leaks);
 * {@link markKeyUsed} records a use of a key, as AWS would after a signed call.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FixtureStore } from '../fixtures.js';
import { escapeXml } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

function answer(operation: string, result: string): string {
  return `<${operation}Response xmlns="${NS}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
}

interface Key {
  id: string;
  status: string;
  created: string;
}

function readKeys(state: Pick<WriteState, 'get'>, user: string): Key[] | undefined {
  const xml = state.get(`iam/ListAccessKeys/${user}`);
  if (xml === undefined) return undefined;
  const out: Key[] = [];
  for (const m of xml.matchAll(/<member>([\s\S]*?)<\/member>/g)) {
    const body = m[1]!;
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? '';
    out.push({ id: field('AccessKeyId'), status: field('Status'), created: field('CreateDate') });
  }
  return out;
}

function writeKeys(state: Pick<WriteState, 'set'>, user: string, keys: Key[]): void {
  const members = keys
    .map(
      (k) =>
        `<member><UserName>${escapeXml(user)}</UserName><AccessKeyId>${k.id}</AccessKeyId><Status>${k.status}</Status><CreateDate>${k.created}</CreateDate></member>`,
    )
    .join('');
  state.set(
    `iam/ListAccessKeys/${user}`,
    answer(
      'ListAccessKeys',
      `<UserName>${escapeXml(user)}</UserName><AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`,
    ),
  );
}

function lastUsed(user: string, date?: string): string {
  const used = date
    ? `<LastUsedDate>${date}</LastUsedDate><ServiceName>sts</ServiceName><Region>us-east-1</Region>`
    : '<ServiceName>N/A</ServiceName><Region>N/A</Region>';
  return answer(
    'GetAccessKeyLastUsed',
    `<AccessKeyLastUsed>${used}</AccessKeyLastUsed><UserName>${escapeXml(user)}</UserName>`,
  );
}

/** Records that `keyId` of `user` was used at `date`, as GetAccessKeyLastUsed will answer. */
export function markKeyUsed(fixtures: FixtureStore, user: string, keyId: string, date: string): void {
  // Writes land in the signing region's recordings (IAM signs in us-east-1); reads prefer those.
  for (const key of [`iam/GetAccessKeyLastUsed/${keyId}`, `us-east-1/iam/GetAccessKeyLastUsed/${keyId}`]) {
    fixtures.set(key, lastUsed(user, date));
  }
}

export interface IamWritesOptions {
  /** Time written as CreateDate of new keys (default now). */
  now?: () => Date;
}

/** The handlers, and every secret CreateAccessKey handed out. */
export function iamWrites(options: IamWritesOptions = {}): { handlers: WriteHandlers; secrets: string[] } {
  const secrets: string[] = [];
  const noSuchUser = (state: WriteState, user: string) =>
    state.error(404, 'NoSuchEntity', `The user with name ${user} cannot be found.`);

  const create: WriteHandler = (request, state) => {
    const user = String(request.params.UserName ?? '');
    const keys = readKeys(state, user);
    if (!keys) return noSuchUser(state, user);
    if (keys.length >= 2) {
      return state.error(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
    }
    const id = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const secret = `SECRET${randomBytes(17).toString('base64url')}`;
    secrets.push(secret);
    const created = (options.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
    writeKeys(state, user, [...keys, { id, status: 'Active', created }]);
    state.set(`iam/GetAccessKeyLastUsed/${id}`, lastUsed(user));
    return ok(
      answer(
        'CreateAccessKey',
        `<AccessKey><UserName>${escapeXml(user)}</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status><SecretAccessKey>${secret}</SecretAccessKey><CreateDate>${created}</CreateDate></AccessKey>`,
      ),
    );
  };

  const updateOrDelete =
    (operation: 'UpdateAccessKey' | 'DeleteAccessKey'): WriteHandler =>
    (request, state) => {
      const user = String(request.params.UserName ?? '');
      const id = String(request.params.AccessKeyId ?? '');
      const keys = readKeys(state, user);
      if (!keys) return noSuchUser(state, user);
      if (!keys.some((k) => k.id === id)) {
        return state.error(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
      }
      const next =
        operation === 'DeleteAccessKey'
          ? keys.filter((k) => k.id !== id)
          : keys.map((k) => (k.id === id ? { ...k, status: String(request.params.Status) } : k));
      writeKeys(state, user, next);
      return ok(
        `<${operation}Response xmlns="${NS}"><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`,
      );
    };

  return {
    secrets,
    handlers: {
      'iam:CreateAccessKey': create,
      'iam:UpdateAccessKey': updateOrDelete('UpdateAccessKey'),
      'iam:DeleteAccessKey': updateOrDelete('DeleteAccessKey'),
    },
  };
}

/** The key ids and statuses a user has in the recordings. */
export function recordedKeys(fixtures: FixtureStore, user: string): Array<{ id: string; status: string }> {
  const get = (k: string) => fixtures.get(`us-east-1/${k}`) ?? fixtures.get(k);
  return (readKeys({ get }, user) ?? []).map(({ id, status }) => ({ id, status }));
}
