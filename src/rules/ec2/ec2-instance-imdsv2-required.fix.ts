import { defineFix } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';

/** The instance's own entry in a `DescribeInstances` answer. */
function instanceIn(captured: unknown, instanceId: string): Record<string, unknown> | undefined {
  const reservations = capturedAt(captured, 'Reservations');
  if (!Array.isArray(reservations)) return undefined;
  for (const reservation of reservations) {
    const instances = capturedAt(reservation, 'Instances');
    if (!Array.isArray(instances)) continue;
    const found = instances.find((i) => capturedAt(i, 'InstanceId') === instanceId);
    if (found && typeof found === 'object') return found as Record<string, unknown>;
  }
  return undefined;
}

/**
 * Requires IMDSv2 on the instance (`HttpTokens: required`); nothing else of its metadata options
 * changes. Software on the instance that still uses IMDSv1 stops getting metadata and credentials:
 * the undo puts the previous `HttpTokens` back.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataOptions.html
 */
export default defineFix({
  rule: 'ec2-instance-imdsv2-required',
  title: 'Require IMDSv2 on the instance',
  actions: ['ec2:ModifyInstanceMetadataOptions'],
  plan(instance) {
    const refused = refuseNotLive(instance);
    if (refused) return refused;
    const InstanceId = instance.id;
    return {
      steps: [
        {
          description: `Require IMDSv2 (HttpTokens required) on instance ${InstanceId}`,
          call: callFor(
            instance,
            'ec2',
            'ModifyInstanceMetadataOptions',
            'ec2:ModifyInstanceMetadataOptions',
            {
              InstanceId,
              HttpTokens: 'required',
            },
          ),
          capture: callFor(instance, 'ec2', 'DescribeInstances', 'ec2:DescribeInstances', {
            InstanceIds: [InstanceId],
          }),
          undo: (captured) => {
            const tokens = capturedAt(instanceIn(captured, InstanceId), 'MetadataOptions', 'HttpTokens');
            if (typeof tokens !== 'string') {
              return { irreversible: `the previous metadata options of ${InstanceId} could not be read` };
            }
            return {
              call: callFor(
                instance,
                'ec2',
                'ModifyInstanceMetadataOptions',
                'ec2:ModifyInstanceMetadataOptions',
                {
                  InstanceId,
                  HttpTokens: tokens,
                },
              ),
            };
          },
        },
      ],
    };
  },
  template() {
    return { patches: [{ op: 'set', path: ['MetadataOptions', 'HttpTokens'], value: 'required' }] };
  },
});
