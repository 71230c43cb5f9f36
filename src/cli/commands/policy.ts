import { Command, Option } from 'commander';

interface PolicyFlags {
  orgRole?: string;
  fix?: boolean;
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
    .addOption(
      new Option(
        '--fix',
        'print instead the write actions of the change commands (fix, cleanup, rotate, undo), apart from the read-only policy',
      ),
    )
    .action(async (flags: PolicyFlags) => {
      if (flags.fix) {
        // The change commands register their write actions when their modules load.
        await Promise.all([import('../../change/cleanup.js'), import('../../change/rotate/access-key.js')]);
        const { writePolicy } = await import('../../change/actions.js');
        console.log(JSON.stringify(writePolicy(), null, 2));
        return;
      }
      const { readOnlyPolicy } = await import('../../sources/aws/policy.js');
      const policy = readOnlyPolicy(flags.orgRole ? { orgRole: flags.orgRole } : {});
      console.log(JSON.stringify(policy, null, 2));
    });
}
