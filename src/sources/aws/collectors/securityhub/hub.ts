import {
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
} from '@aws-sdk/client-securityhub';
import type { Collector, Json, ListCall } from '../../collector.js';
import { isJson } from '../../json.js';

const hub = {
  command: DescribeHubCommand,
  action: 'securityhub:DescribeHub',
  // Security Hub not enabled in the region: InvalidAccessException.
  notConfigured: ['InvalidAccessException', 'ResourceNotFoundException'],
};
const standards = {
  command: GetEnabledStandardsCommand,
  action: 'securityhub:GetEnabledStandards',
  notConfigured: ['InvalidAccessException'],
};

const findings: ListCall = {
  command: GetFindingsCommand,
  action: 'securityhub:GetFindings',
  items: ['Findings'],
  paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 100] },
};

/**
 * Findings that still need someone: active, and workflow NEW or NOTIFIED (not SUPPRESSED or RESOLVED).
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFindingFilters.html
 */
export const OPEN_FINDINGS_FILTER = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' },
  ],
};

const LABELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

/** Open findings by `Severity.Label`, plus `Total`: the counts kept, not the findings. */
function countByLabel(items: readonly Json[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(LABELS.map((l) => [l, 0]));
  for (const f of items) {
    const label = isJson(f.Severity) && typeof f.Severity.Label === 'string' ? f.Severity.Label : 'UNKNOWN';
    out[label] = (out[label] ?? 0) + 1;
  }
  out.Total = items.length;
  return out;
}

/**
 * `securityhub describe-hub` + enabled standards → `AWS::SecurityHub::Hub` (id = hub ARN) when
 * enabled, with `observed.FindingCounts`: open findings (`OPEN_FINDINGS_FILTER`) counted by severity
 * label (`CRITICAL` … `INFORMATIONAL`, `Total`), read with `get-findings` to the last page.
 */
export const hubs: Collector = {
  id: 'securityhub/hub',
  service: 'securityhub',
  resourceTypes: ['AWS::SecurityHub::Hub'],
  list: [],
  extra: [hub, standards, findings],
  custom: async (api, data) => {
    const described = await api.call(hub, {});
    if (!described || typeof described.HubArn !== 'string') return;
    const enabled = await api.call(standards, {});
    data.items.Hub = [{ ...described, Standards: enabled?.StandardsSubscriptions ?? [] }];
    const open = await api.list(findings, { Filters: OPEN_FINDINGS_FILTER });
    data.items.FindingCounts = [countByLabel(open.Findings ?? [])];
  },
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Hub ?? []).map((h) => ({
        type: 'AWS::SecurityHub::Hub',
        id: String(h.HubArn),
        arn: String(h.HubArn),
        props: {
          AutoEnableControls: h.AutoEnableControls,
          ControlFindingGenerator: h.ControlFindingGenerator,
        },
        observed: {
          SubscribedAt: h.SubscribedAt,
          Standards: h.Standards,
          ...(data.items.FindingCounts?.[0] ? { FindingCounts: data.items.FindingCounts[0] } : {}),
        },
      })),
  },
};
