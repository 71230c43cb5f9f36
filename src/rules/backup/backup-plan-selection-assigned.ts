import { defineRule, error, fail, label, pass } from '../rule.js';
import { refersTo, isUnknown } from '../rds/values.js';
import { PLAN, SELECTION, selectionsUnread } from './coverage.js';

/** Compliant: at least one backup selection assigns resources to the backup plan. */
export default defineRule({
  id: 'backup-plan-selection-assigned',
  title: 'AWS Backup plan has resources assigned',
  category: 'dr',
  severity: 'low',
  resourceTypes: [PLAN],
  rationale:
    'A backup plan on its own backs up nothing: resources join it only through a backup selection. A plan without one looks like protection in the console and in audits while no recovery point is ever taken.',
  remediation: {
    text: 'Create a backup selection for the plan (by tag, by ARN, or both), or delete the unused plan.',
    cli: 'aws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"tagged","IamRoleArn":"arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}\'',
    cloudformation:
      'Selection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref Plan\n    BackupSelection:\n      SelectionName: tagged\n      IamRoleArn: !GetAtt BackupRole.Arn\n      ListOfTags:\n        - { ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily }',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html'],
  evaluate(plan, ctx) {
    const who = `AWS Backup plan ${label(plan)}`;
    const isOther = (name: string) => name !== plan.id && ctx.graph.get(name, undefined, plan) !== undefined;
    const found: string[] = [];
    let unknown: string | undefined;
    for (const selection of ctx.graph.byType(SELECTION)) {
      const m = refersTo(selection.props.BackupPlanId, plan, isOther, 'BackupPlanId');
      if (m === true) found.push(label(selection));
      else if (isUnknown(m)) unknown ??= `backup selection ${label(selection)}: ${m.unknown}`;
    }
    if (found.length > 0) return pass(() => `${who} has resources assigned by ${found.join(', ')}.`);
    if (unknown) return error(`${who}: ${unknown}.`);
    // Selections of a plan are in its account and region; those never read may assign resources to it.
    const unread = selectionsUnread(plan.account, plan.region, ctx.graph);
    if (unread)
      return error(`${who}: whether a backup selection assigns resources to it is not known: ${unread}.`);
    return fail(`${who} has no backup selection, so it backs up nothing.`);
  },
});
