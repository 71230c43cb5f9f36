import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
} from '@aws-sdk/client-backup';
import type { ApiCall, Collector, Json, ListCall, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';

const LIST_SELECTIONS: ListCall = {
  command: ListBackupSelectionsCommand,
  action: 'backup:ListBackupSelections',
  items: ['BackupSelectionsList'],
  paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 1000] },
};
const GET_SELECTION: ApiCall = { command: GetBackupSelectionCommand, action: 'backup:GetBackupSelection' };

/** GetBackupPlan's `Rules` to CloudFormation's `BackupPlanRule` (`TargetBackupVaultName` → `TargetBackupVault`). */
function planRule(rule: Json): Json {
  const { TargetBackupVaultName, RuleId: _ruleId, ...rest } = rule;
  return { ...rest, TargetBackupVault: TargetBackupVaultName };
}

/**
 * `backup list-backup-plans` + `get-backup-plan`, and each plan's selections
 * (`list-backup-selections` + `get-backup-selection`) → `AWS::Backup::BackupPlan` (id = plan id, as
 * CloudFormation's Ref) and `AWS::Backup::BackupSelection` (id = selection id, `BackupPlanId`
 * pointing at the plan), CloudFormation-shaped, which the rules of `src/rules/backup` read.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupSelection.html
 */
export const plans: Collector = {
  id: 'backup/plans',
  service: 'backup',
  resourceTypes: ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupSelection'],
  list: [
    {
      command: ListBackupPlansCommand,
      action: 'backup:ListBackupPlans',
      items: ['BackupPlansList'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 1000] },
    },
  ],
  details: [
    {
      name: 'plan',
      command: GetBackupPlanCommand,
      action: 'backup:GetBackupPlan',
      input: (p) => (typeof p.BackupPlanId === 'string' ? { BackupPlanId: p.BackupPlanId } : undefined),
    },
  ],
  extra: [LIST_SELECTIONS, GET_SELECTION],
  // Selections are a list per plan, then one call per selection: two levels the declaration has no form for.
  custom: async (api, data) => {
    data.items.Selections = [];
    for (const plan of data.items.BackupPlansList ?? []) {
      const planId = str(plan.BackupPlanId);
      if (!planId) continue;
      const listed = await api.list(LIST_SELECTIONS, { BackupPlanId: planId });
      const got = await Promise.all(
        (listed.BackupSelectionsList ?? []).map((s) =>
          typeof s.SelectionId === 'string'
            ? api.call(GET_SELECTION, { BackupPlanId: planId, SelectionId: s.SelectionId })
            : null,
        ),
      );
      for (const selection of got) if (selection) data.items.Selections.push(selection);
    }
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx) => {
      const out: ResourceDraft[] = [];
      for (const p of data.items.BackupPlansList ?? []) {
        const id = str(p.BackupPlanId);
        const got = detailOf(p, 'plan');
        const plan = isJson(got?.BackupPlan) ? got.BackupPlan : undefined;
        if (!id || !plan) continue;
        const rules = Array.isArray(plan.Rules) ? plan.Rules.filter(isJson).map(planRule) : [];
        out.push({
          type: 'AWS::Backup::BackupPlan',
          id,
          arn: str(p.BackupPlanArn),
          name: str(plan.BackupPlanName),
          props: {
            BackupPlan: {
              BackupPlanName: plan.BackupPlanName,
              BackupPlanRule: rules,
              ...(plan.AdvancedBackupSettings ? { AdvancedBackupSettings: plan.AdvancedBackupSettings } : {}),
            },
          },
          observed: { VersionId: p.VersionId, LastExecutionDate: p.LastExecutionDate },
        });
      }
      for (const s of data.items.Selections ?? []) {
        const id = str(s.SelectionId);
        if (!id || !isJson(s.BackupSelection)) continue;
        out.push({
          type: 'AWS::Backup::BackupSelection',
          id,
          arn: `arn:${ctx.partition}:backup:${ctx.region}:${ctx.account}:backup-plan:${String(s.BackupPlanId)}/selection/${id}`,
          name: str(s.BackupSelection.SelectionName),
          props: { BackupPlanId: s.BackupPlanId, BackupSelection: s.BackupSelection },
        });
      }
      return out;
    },
  },
};
