import type { Collector, CommandClass, DetailCall, Json, Mapping } from '../../collector.js';
import { operationOf } from '../../collector.js';

/** EC2 pagination: `NextToken` in and out, with the largest page each API accepts. */
export function ec2Pages(pageSize: number | undefined) {
  return pageSize === undefined
    ? undefined
    : {
        inputToken: 'NextToken',
        outputToken: 'NextToken',
        pageSize: ['MaxResults', pageSize] as [string, number],
      };
}

/**
 * An EC2 `Describe*` collector whose output has the `aws ec2 describe-*` shape, mapped by the
 * describe-JSON mappers. The IAM action is `ec2:<Operation>` for every EC2 call.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export function ec2Collector(spec: {
  id: string;
  resourceTypes: string[];
  command: CommandClass;
  items: string;
  /** Largest `MaxResults` the API accepts; undefined for APIs that are not paginated. */
  pageSize?: number;
  input?: Json;
  details?: DetailCall[];
  entries?: Extract<Mapping, { kind: 'describe-json' }>['entries'];
}): Collector {
  const input = spec.input;
  const collector: Collector = {
    id: spec.id,
    service: 'ec2',
    resourceTypes: spec.resourceTypes,
    list: [
      {
        command: spec.command,
        action: `ec2:${operationOf(spec.command)}`,
        items: [spec.items],
        ...(input ? { input: () => input } : {}),
        ...(spec.pageSize === undefined ? {} : { paginate: ec2Pages(spec.pageSize)! }),
      },
    ],
    mapping: spec.entries ? { kind: 'describe-json', entries: spec.entries } : { kind: 'describe-json' },
  };
  if (spec.details) collector.details = spec.details;
  return collector;
}
