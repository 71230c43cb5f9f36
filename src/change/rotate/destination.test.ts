import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import {
  credentialsFilePath,
  parseDestination,
  profileKeyId,
  secretRegion,
  setProfileKeys,
  writeCredentialsFile,
} from './destination.js';

describe('rotation destinations', () => {
  it('parses --to', () => {
    expect(parseDestination('profile:ci')).toEqual({ kind: 'profile', profile: 'ci' });
    expect(parseDestination('secretsmanager:team/ci-key')).toEqual({
      kind: 'secretsmanager',
      secretId: 'team/ci-key',
    });
    expect(() => parseDestination('file:/tmp/x')).toThrow(InputError);
    expect(() => parseDestination('profile:a b')).toThrow(InputError);
  });

  it('replaces one profile’s keys, drops its session token, and keeps everything else', () => {
    const before =
      '# mine\n[default]\naws_access_key_id = A\naws_secret_access_key = a\n\n[ci]\naws_access_key_id = OLD\naws_secret_access_key = old\naws_session_token = tok\nregion = eu-west-1\n';
    const after = setProfileKeys(before, 'ci', 'NEW', 'new-secret');
    expect(after).toBe(
      '# mine\n[default]\naws_access_key_id = A\naws_secret_access_key = a\n\n[ci]\naws_access_key_id = NEW\naws_secret_access_key = new-secret\nregion = eu-west-1\n',
    );
    expect(profileKeyId(after, 'ci')).toBe('NEW');
    expect(profileKeyId(after, 'default')).toBe('A');
    expect(setProfileKeys('', 'x', 'K', 's')).toBe('[x]\naws_access_key_id = K\naws_secret_access_key = s\n');
    expect(setProfileKeys('[a]\nk = v\n', 'x', 'K', 's')).toBe(
      '[a]\nk = v\n\n[x]\naws_access_key_id = K\naws_secret_access_key = s\n',
    );
  });

  it('writes the credentials file atomically with mode 0600, creating its directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dest-'));
    try {
      const file = join(dir, 'aws', 'credentials');
      await writeCredentialsFile(file, '[x]\n');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, 'old', { mode: 0o644 });
      await writeCredentialsFile(file, '[y]\n');
      expect(readFileSync(file, 'utf8')).toBe('[y]\n');
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the file and the secret region as the SDK would', () => {
    expect(credentialsFilePath({ AWS_SHARED_CREDENTIALS_FILE: '/x/creds' })).toBe('/x/creds');
    expect(credentialsFilePath({})).toMatch(/\.aws[/\\]credentials$/);
    expect(secretRegion('arn:aws:secretsmanager:eu-west-1:1:secret:x', 'us-east-1')).toBe('eu-west-1');
    expect(secretRegion('team/x', 'us-east-1')).toBe('us-east-1');
  });
});
