/**
 * Log files from S3: every object under `s3://bucket/prefix` is listed (ListObjectsV2, paginated)
 * and downloaded (GetObject) into a temporary directory, keeping its key as the path, then
 * ingested under its `s3://` name — so re-ingesting the same prefix adds nothing, and objects
 * already ingested (same name, size and time) are not downloaded again.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { InputError } from '../../model/index.js';
import type { IngestInput } from './files.js';
import { isNonEventFile } from './files.js';

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Parses `s3://bucket/prefix`. */
export function parseS3Uri(uri: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new InputError(`not an S3 URI (expected s3://bucket/prefix): ${uri}`);
  return { bucket: m[1]!, prefix: m[2]! };
}

export interface S3DownloadOptions {
  /** Endpoint override (`--endpoint-url`, or `AWS_ENDPOINT_URL_S3` which the SDK also reads). */
  endpoint?: string;
  region?: string;
  /** Path-style addressing, needed by local S3 servers. Default: true when an endpoint is given. */
  forcePathStyle?: boolean;
  /** Credentials for tests; otherwise the SDK's default chain. */
  credentials?: S3ClientConfig['credentials'];
  /** Returns true for objects already ingested (by name, size and time): they are not downloaded. */
  known?: (identity: string, size: number, mtime: Date) => boolean;
}

export interface S3Download {
  inputs: IngestInput[];
  /** Objects not downloaded because `known` said they were already ingested. */
  alreadyIngested: number;
  /** Removes the temporary directory. */
  cleanup(): Promise<void>;
}

/** Lists and downloads the objects under the URI. */
export async function downloadS3Prefix(uri: string, options: S3DownloadOptions = {}): Promise<S3Download> {
  const { bucket, prefix } = parseS3Uri(uri);
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3;
  const client = new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint && { endpoint }),
    forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
    ...(options.credentials && { credentials: options.credentials }),
  });
  const dir = await mkdtemp(join(tmpdir(), 'cloudrounds-s3-'));
  const inputs: IngestInput[] = [];
  let alreadyIngested = 0;
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        const identity = `s3://${bucket}/${object.Key}`;
        const size = object.Size ?? 0;
        const mtime = object.LastModified ?? new Date(0);
        if (isNonEventFile(identity)) continue;
        if (options.known?.(identity, size, mtime)) {
          alreadyIngested++;
          continue;
        }
        const local = join(dir, ...object.Key.split('/').filter((p) => p && p !== '..' && p !== '.'));
        await mkdir(dirname(local), { recursive: true });
        const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
        await pipeline(got.Body as Readable, createWriteStream(local));
        inputs.push({ local, identity, size, mtime });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    client.destroy();
  }
  return { inputs, alreadyIngested, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
