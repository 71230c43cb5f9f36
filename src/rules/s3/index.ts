import type { AnyRule } from '../rule.js';
import accessLogTargetDiffers from './s3-bucket-access-log-target-differs.js';
import nameValid from './s3-bucket-name-valid.js';
import publicAccessBlocked from './s3-bucket-public-access-blocked.js';
import versioningEnabled from './s3-bucket-versioning-enabled.js';
import publicReadProhibited from './s3-bucket-public-read-prohibited.js';
import publicWriteProhibited from './s3-bucket-public-write-prohibited.js';
import accountPublicAccessBlockEnabled from './s3-account-public-access-block-enabled.js';

/** The S3 rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const s3Rules: readonly AnyRule[] = [
  accessLogTargetDiffers,
  nameValid,
  publicAccessBlocked,
  versioningEnabled,
  publicReadProhibited,
  publicWriteProhibited,
  accountPublicAccessBlockEnabled,
];
