import { isUnresolved, type Resource } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { defineRule, describeUnresolved, error, fail, label, pass, type GraphView } from '../rule.js';

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const AWS_MANAGED = /(^|:)alias\/aws\/s3$/;

type Verdict = { ok: true; key: string } | { ok: false; text: string } | { unknown: string };

/** One artifact store's encryption key: a customer managed key, the default AWS managed key, or unknown. */
function storeKey(store: unknown, where: string, pipeline: Resource, graph: GraphView): Verdict {
  if (isUnresolved(store)) return { unknown: describeUnresolved(where, store) };
  const key = (store as { EncryptionKey?: { Id?: unknown } } | undefined)?.EncryptionKey;
  if (isUnresolved(key)) return { unknown: describeUnresolved(`${where}.EncryptionKey`, key) };
  const id = key?.Id;
  if (id === undefined)
    return {
      ok: false,
      text: `${where} has no EncryptionKey (CodePipeline then uses the AWS managed key aws/s3)`,
    };
  if (isUnresolved(id)) {
    const target = expressionTarget(id.expression);
    const found = target === undefined ? undefined : graph.get(target, 'AWS::KMS::Key', pipeline);
    return found
      ? { ok: true, key: label(found) }
      : { unknown: describeUnresolved(`${where}.EncryptionKey.Id`, id) };
  }
  if (typeof id !== 'string') return { unknown: `${where}.EncryptionKey.Id is not a key id` };
  if (AWS_MANAGED.test(id)) return { ok: false, text: `${where} uses the AWS managed key aws/s3` };
  return { ok: true, key: id };
}

/**
 * Compliant: every artifact store of the pipeline (`ArtifactStore`, or each of `ArtifactStores`
 * for cross-region actions) names a customer managed KMS key, not the default aws/s3 key.
 */
export default defineRule({
  id: 'codepipeline-pipeline-artifact-store-encrypted-with-cmk',
  title: 'CodePipeline artifact store is encrypted with a customer managed KMS key',
  category: 'security',
  severity: 'low',
  resourceTypes: [PIPELINE],
  rationale:
    'Pipeline artifacts carry source code, build output and often configuration with endpoints and credentials. With the default aws/s3 key anyone who can read the artifact bucket in the account can decrypt them, and the key cannot be shared with the deployment accounts of a cross-account pipeline; a customer managed key limits decryption to the roles its policy names.',
  remediation: {
    text: 'Create a customer managed KMS key whose policy allows the pipeline, build and deploy roles (and the target accounts for cross-account deploys), and set it on each artifact store.',
    cli: 'aws codepipeline get-pipeline --name <pipeline> > pipeline.json\n# set pipeline.artifactStore.encryptionKey = {"id": "<key-arn>", "type": "KMS"}\naws codepipeline update-pipeline --cli-input-json file://pipeline.json',
    cloudformation:
      'ArtifactStore:\n  Type: S3\n  Location: !Ref ArtifactBucket\n  EncryptionKey:\n    Id: !GetAtt ArtifactKey.Arn\n    Type: KMS',
    terraform:
      'resource "aws_codepipeline" "this" {\n  # ...\n  artifact_store {\n    location = aws_s3_bucket.artifacts.bucket\n    type     = "S3"\n    encryption_key {\n      id   = aws_kms_key.artifacts.arn\n      type = "KMS"\n    }\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codepipeline-pipeline-artifactstore.html',
  ],
  evaluate(pipeline, ctx) {
    const who = `CodePipeline pipeline ${label(pipeline)}`;
    const single = pipeline.props.ArtifactStore;
    const many = pipeline.props.ArtifactStores;
    if (isUnresolved(many)) return error(`${who}: ${describeUnresolved('ArtifactStores', many)}.`);
    const stores: Array<[unknown, string]> = Array.isArray(many)
      ? many.map((s, i) => [
          (s as { ArtifactStore?: unknown } | null)?.ArtifactStore,
          `ArtifactStores[${i}] (${String((s as { Region?: unknown } | null)?.Region ?? '?')})`,
        ])
      : single !== undefined
        ? [[single, 'ArtifactStore']]
        : [];
    if (stores.length === 0) return error(`${who} declares no artifact store.`);
    const keys: string[] = [];
    const bad: string[] = [];
    const unknown: string[] = [];
    for (const [store, where] of stores) {
      const v = storeKey(store, where, pipeline, ctx.graph);
      if ('unknown' in v) unknown.push(v.unknown);
      else if (v.ok) keys.push(v.key);
      else bad.push(v.text);
    }
    if (bad.length > 0) return fail(`${who}: ${bad.join('; ')}.`);
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return pass(
      () => `${who} encrypts its artifacts with customer managed key ${[...new Set(keys)].join(', ')}.`,
    );
  },
});
