import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import type { Collector, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

const ANALYZER = 'AWS::AccessAnalyzer::Analyzer';

/** The string values of a tag map. */
function stringValues(tags: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * `accessanalyzer list-analyzers` → `AWS::AccessAnalyzer::Analyzer` (id = ARN, as `Ref` gives it)
 * with CloudFormation's `AnalyzerName` and `Type` (`ACCOUNT`, `ORGANIZATION`, or an
 * `*_UNUSED_ACCESS` type); `observed.Status` (`ACTIVE`, `CREATING`, `DISABLED`, `FAILED`) and
 * `StatusReason`. Without a `type` filter the listing gives analyzers of every type. Analyzers are
 * regional, so a region that could not be listed is a gap for the type, and the rule reading them
 * gives `error` for that region.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html
 */
export const analyzers: Collector = {
  id: 'access-analyzer/analyzers',
  service: 'access-analyzer',
  resourceTypes: [ANALYZER],
  list: [
    {
      command: ListAnalyzersCommand,
      action: 'access-analyzer:ListAnalyzers',
      items: ['analyzers'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['maxResults', 100] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.analyzers ?? []).flatMap((a): ResourceDraft[] => {
        const arn = str(a.arn);
        const name = str(a.name);
        if (!arn || !name) return [];
        const reason = (a.statusReason as { code?: unknown } | undefined)?.code;
        return [
          {
            type: ANALYZER,
            id: arn,
            arn,
            name,
            ...(isJson(a.tags) ? { tags: stringValues(a.tags) } : {}),
            props: { AnalyzerName: name, Type: str(a.type) },
            observed: { Status: str(a.status), StatusReason: str(reason) },
          },
        ];
      }),
  },
};
