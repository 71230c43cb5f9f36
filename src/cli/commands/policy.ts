import { Command, Option } from 'commander';

interface PolicyFlags {
  orgRole?: string;
}

export function policyCommand(): Command {
  return new Command('policy')
    .description(
      'Print the IAM policy cloudrounds needs to collect: exactly the read-only actions its collectors declare.',
    )
    .addOption(
      new Option(
        '--org-role <name>',
        "also allow assuming this role in the organisation's accounts (for collect --org-role)",
      ),
    )
    .action(async (flags: PolicyFlags) => {
      const { readOnlyPolicy } = await import('../../sources/aws/policy.js');
      const policy = readOnlyPolicy(flags.orgRole ? { orgRole: flags.orgRole } : {});
      console.log(JSON.stringify(policy, null, 2));
    });
}
