/**
 * Lambda runtime deprecation dates (the "Deprecation date" column: from then on Lambda applies no
 * security patches and blocks new functions soon after), from the Lambda runtimes page,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, and its history of deprecated
 * runtimes. Checked against the page and cfn-lint's LmbdRuntimeLifecycle.json; dates that were not
 * confirmed (the Amazon Linux 2 based java8.al2, java11, java17, python3.10, python3.11,
 * provided.al2) are left out rather than guessed: add them with the rule's `deprecations`
 * parameter when AWS publishes them.
 */
export const RUNTIME_DEPRECATIONS: Readonly<Record<string, string>> = {
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  java8: '2024-01-08',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet5.0': '2022-05-10',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
};

/** What to move to, by runtime family. */
export const SUCCESSORS: ReadonlyArray<readonly [prefix: string, successor: string]> = [
  ['nodejs', 'nodejs24.x'],
  ['python', 'python3.13'],
  ['ruby', 'ruby3.4'],
  ['java', 'java21'],
  ['dotnet', 'dotnet10'],
  ['go', 'provided.al2023'],
  ['provided', 'provided.al2023'],
];
