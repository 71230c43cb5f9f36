import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import type { Collector, Json, ResourceDraft } from '../../collector.js';

const generate = { command: GenerateCredentialReportCommand, action: 'iam:GenerateCredentialReport' };
// ReportNotPresent / ReportInProgress while the report is being generated.
const get = {
  command: GetCredentialReportCommand,
  action: 'iam:GetCredentialReport',
  notConfigured: ['ReportNotPresent', 'ReportInProgress', 'ReportExpired'],
};

/** Attempts at fetching the report while IAM generates it (it takes seconds). */
const POLLS = 10;
const POLL_MS = 2000;

/** A minimal CSV reader for the credential report (no quoted commas occur in it, but quotes are handled). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (c === '"') quoted = !quoted;
        else if (c === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += c;
      }
      cells.push(cell);
      return cells;
    });
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const date = (value: string | undefined): string | undefined =>
  value && /^\d{4}-/.test(value) ? value.replace('+00:00', 'Z') : undefined;
const yes = (value: string | undefined): boolean => value === 'true';

/**
 * The IAM credential report → `AWS::IAM::RootAccount` (model-only type, id = account id) and, on each
 * user, `PasswordEnabled`, `PasswordLastUsed`, `MfaActive` in `observed`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
export const credentialReport: Collector = {
  id: 'iam/credential-report',
  service: 'iam',
  global: true,
  resourceTypes: ['AWS::IAM::RootAccount'],
  list: [],
  extra: [generate, get],
  custom: async (api, data) => {
    // GenerateCredentialReport answers COMPLETE at once when a report under four hours old exists;
    // otherwise it starts one, and GetCredentialReport says ReportInProgress until it is ready.
    for (let attempt = 0; attempt < POLLS; attempt++) {
      const generated = await api.call(generate, {});
      if (generated?.State === 'COMPLETE') {
        const report = await api.call(get, {});
        if (report && typeof report.Content === 'string') {
          data.items.Rows = parseCsv(Buffer.from(report.Content, 'base64').toString('utf8'));
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    api.gap({
      kind: 'api-error',
      message: `the IAM credential report was not ready after ${POLLS} attempts; root user and password facts are unknown`,
      resourceType: 'AWS::IAM::RootAccount',
    });
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx): ResourceDraft[] =>
      (data.items.Rows ?? [])
        .filter((row) => row.user === '<root_account>')
        .map((row) => {
          const r = row as Record<string, string>;
          const observed: Json = {
            MfaActive: yes(r.mfa_active),
            AccessKeysPresent: yes(r.access_key_1_active) || yes(r.access_key_2_active),
            PasswordLastUsed: date(r.password_last_used),
            AccessKey1LastUsedDate: date(r.access_key_1_last_used_date),
            AccessKey2LastUsedDate: date(r.access_key_2_last_used_date),
            CertificatesActive: yes(r.cert_1_active) || yes(r.cert_2_active),
          };
          return {
            type: 'AWS::IAM::RootAccount',
            id: ctx.account,
            arn: `arn:${ctx.partition}:iam::${ctx.account}:root`,
            name: `${ctx.account} root`,
            props: {},
            observed,
          };
        }),
  },
  enrich: (data, _ctx, find) => {
    for (const row of data.items.Rows ?? []) {
      const r = row as Record<string, string>;
      if (r.user === '<root_account>' || !r.user) continue;
      const user = find('AWS::IAM::User', r.user);
      if (!user) continue;
      const facts: Json = { PasswordEnabled: yes(r.password_enabled), MfaActive: yes(r.mfa_active) };
      const used = date(r.password_last_used);
      if (used) facts.PasswordLastUsed = used;
      const changed = date(r.password_last_changed);
      if (changed) facts.PasswordLastChanged = changed;
      user.observed = { ...user.observed, ...facts };
    }
  },
};
