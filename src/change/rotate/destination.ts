/**
 * Where a new access key goes: a profile of the shared credentials file, written atomically with
 * mode 0600, or a Secrets Manager secret, written by a journalled call whose secret is filled in
 * only as it is sent (the journal records a placeholder). The secret is never printed nor stored.
 * https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../model/index.js';
import type { AwsCall } from '../../rules/fix.js';

export type Destination = { kind: 'profile'; profile: string } | { kind: 'secretsmanager'; secretId: string };

/** `profile:NAME` or `secretsmanager:SECRET_ID` (a name or an ARN). */
export function parseDestination(text: string): Destination {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  const value = text.slice(colon + 1);
  if (kind === 'profile' && /^[A-Za-z0-9_.@+-]+$/.test(value)) return { kind: 'profile', profile: value };
  if (kind === 'secretsmanager' && value.length > 0) return { kind: 'secretsmanager', secretId: value };
  throw new InputError(`--to must be profile:NAME or secretsmanager:SECRET_ID, got '${text}'`);
}

export function destinationText(d: Destination): string {
  return d.kind === 'profile' ? `profile:${d.profile}` : `secretsmanager:${d.secretId}`;
}

/** `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE
    ? resolve(env.AWS_SHARED_CREDENTIALS_FILE)
    : join(homedir(), '.aws', 'credentials');
}

const KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

/**
 * The credentials file with `[profile]` holding the key: its key lines replaced (a session token
 * dropped, it belongs to other credentials), everything else (other profiles, comments) untouched.
 */
export function setProfileKeys(text: string, profile: string, keyId: string, secret: string): string {
  const lines = text.length ? text.replace(/\r\n/g, '\n').split('\n') : [];
  const header = (l: string) => /^\s*\[([^\]]+)\]\s*$/.exec(l)?.[1]?.trim();
  const start = lines.findIndex((l) => header(l) === profile);
  const fresh = [`aws_access_key_id = ${keyId}`, `aws_secret_access_key = ${secret}`];
  if (start < 0) {
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return [...lines, ...(lines.length ? [''] : []), `[${profile}]`, ...fresh, ''].join('\n');
  }
  let end = start + 1;
  while (end < lines.length && header(lines[end]!) === undefined) end++;
  const body = lines
    .slice(start + 1, end)
    .filter((l) => !KEYS.includes(l.split('=')[0]!.trim().toLowerCase()));
  return [...lines.slice(0, start + 1), ...fresh, ...body, ...lines.slice(end)].join('\n');
}

/** The access key id a profile of the credentials file holds, if any. */
export function profileKeyId(text: string, profile: string): string | undefined {
  let inside = false;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const h = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (h) {
      inside = h[1]!.trim() === profile;
      continue;
    }
    const m = /^\s*aws_access_key_id\s*=\s*(\S+)/i.exec(line);
    if (inside && m) return m[1];
  }
  return undefined;
}

export async function readCredentialsFile(file: string): Promise<string> {
  return existsSync(file) ? readFile(file, 'utf8') : '';
}

/**
 * Writes the file through a temporary file created 0600 beside it, fsynced and renamed over it:
 * a reader sees the old or the new file, never half of one, and the secret is never world-readable.
 */
export async function writeCredentialsFile(file: string, text: string): Promise<void> {
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await chmod(temp, 0o600);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** What the journal records in place of the secret; the dispatcher fills it in as it sends. */
export const SECRET_PLACEHOLDER = '<the new access key, filled in when the call is sent; not recorded>';

/** The region of a secret: the ARN's, else the given one. */
export function secretRegion(secretId: string, fallback: string): string {
  const m = /^arn:[^:]+:secretsmanager:([^:]+):/.exec(secretId);
  return m ? m[1]! : fallback;
}

/** The journalled call that stores the key in Secrets Manager, with the placeholder for the secret. */
export function secretWriteCall(
  secretId: string,
  exists: boolean,
  account: string,
  region: string,
  user: string,
): AwsCall {
  return exists
    ? {
        client: 'secrets-manager',
        operation: 'PutSecretValue',
        input: { SecretId: secretId, SecretString: SECRET_PLACEHOLDER },
        action: 'secretsmanager:PutSecretValue',
        account,
        region,
      }
    : {
        client: 'secrets-manager',
        operation: 'CreateSecret',
        input: {
          Name: secretId,
          Description: `Access key of IAM user ${user}, rotated by cloudrounds`,
          SecretString: SECRET_PLACEHOLDER,
        },
        action: 'secretsmanager:CreateSecret',
        account,
        region,
      };
}

/** The JSON a Secrets Manager destination holds. */
export function secretValue(keyId: string, secret: string): string {
  return JSON.stringify({ AccessKeyId: keyId, SecretAccessKey: secret });
}
