/**
 * The network scenarios of the seed documents, as deployable CloudFormation templates (and one
 * describe-JSON directory where a template cannot say it), each with its expected verdicts in
 * `<name>.expect.json`. Every query goes through the CLI's command path: `cloudrounds reach --source
 * <fixture> --json`, run in-process (`cloudroundsInProcess`) so that dozens of questions cost no process starts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exposureAnswerSchema } from '../../src/network/index.js';
import { projectRoot } from '../corpora.js';
import { cloudroundsInProcess } from '../e2e/cli.js';
import { checkQuery, expectedQuerySchema, queryName } from './expect.js';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));

const scenarioSchema = z.strictObject({
  scenario: z.string().min(1),
  /** Extra source options, e.g. `--region` for templates whose ARNs and service names need one. */
  args: z.array(z.string()).optional(),
  queries: z.array(expectedQuerySchema).min(1),
  /**
   * What `cloudrounds exposure` must list, exactly: `<resource id> <protocol> <ports>` for what the
   * internet reaches, and for world-open security group rules that it does not reach.
   */
  exposure: z.strictObject({ exposed: z.array(z.string()), shielded: z.array(z.string()) }).optional(),
});

interface Scenario {
  name: string;
  /** The fixture, relative to the project root (where the CLI runs). */
  source: string;
  args: string[];
  queries: z.output<typeof scenarioSchema>['queries'];
  exposure: z.output<typeof scenarioSchema>['exposure'];
}

function loadScenarios(): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expect.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.expect.json'.length);
      const template = join(dir, `${name}.yaml`);
      const fixture = existsSync(template) ? template : join(dir, name);
      if (!existsSync(fixture)) throw new Error(`${file}: no ${name}.yaml or ${name}/ beside it`);
      const parsed = scenarioSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      return {
        name,
        source: relative(projectRoot, fixture).split('\\').join('/'),
        args: parsed.args ?? [],
        queries: parsed.queries,
        exposure: parsed.exposure,
      };
    });
}

const scenarios = loadScenarios();

type ExposureJson = z.output<typeof exposureAnswerSchema>;
type ExposureEntry = ExposureJson['exposures'][number] | ExposureJson['shielded'][number];

/** `Bastion tcp 22`, `Web tcp 0-65535`, `Web icmp`. */
function exposureLine(e: ExposureEntry): string {
  const ports = e.ports
    ? ` ${e.ports.from === e.ports.to ? e.ports.from : `${e.ports.from}-${e.ports.to}`}`
    : '';
  return `${e.component.id} ${e.protocol}${ports}`;
}

describe('network scenario fixtures', () => {
  it('has an expectation file for every fixture and a fixture for every expectation', () => {
    const fixtures = readdirSync(dir)
      .filter((f) => !f.endsWith('.json'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
    expect(fixtures).toEqual(scenarios.map((s) => s.name).sort());
  });

  it('covers every seed scenario the issue lists, reachable and not', () => {
    const all = scenarios.flatMap((s) => s.queries);
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    expect(all.filter((q) => q.reachable).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((q) => !q.reachable).length).toBeGreaterThanOrEqual(10);
  });
});

describe('cloudrounds reach on the seed scenarios', () => {
  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      for (const query of scenario.queries) {
        // A query with `bug` names a known engine defect: it is expected to fail until fixed.
        const test = query.bug ? it.fails : it;
        test(queryName(query) + (query.bug ? ` [known bug: ${query.bug}]` : ''), async () => {
          await checkQuery(scenario.source, query, scenario.args);
        });
      }
      const expected = scenario.exposure;
      if (expected) {
        it('exposure lists exactly what the internet reaches, and the world-open rules it does not', async () => {
          const args = ['exposure', '--source', scenario.source, ...scenario.args, '--json'];
          const run = await cloudroundsInProcess(args);
          expect(run.code, `cloudrounds ${args.join(' ')}\n${run.stderr}`).toBe(0);
          // The documented schema of `exposure --json`.
          const answer = exposureAnswerSchema.parse(JSON.parse(run.stdout));
          expect(answer.exposures.map(exposureLine).sort()).toEqual([...expected.exposed].sort());
          expect(answer.shielded.map(exposureLine).sort()).toEqual([...expected.shielded].sort());
        });
      }
    });
  }
});
