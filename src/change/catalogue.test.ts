import { describe, expect, it } from 'vitest';
import { InputError } from '../model/index.js';
import { ALL_FIXES } from '../rules/fixes.js';
import { loadSource } from '../sources/index.js';
import { applyPlan, changePlanOf, planFixes, planProblems, targetsOfRule } from './index.js';

describe('every declared fix on the demo organisation', () => {
  it('plans calls that name a real SDK client and command, with the declared actions, and passes the executor’s checks', async () => {
    const snapshot = await loadSource('demo');
    const planned: string[] = [];
    for (const fix of ALL_FIXES) {
      const targets = targetsOfRule(snapshot, fix.rule);
      let plans;
      try {
        plans = planFixes(targets, {});
      } catch (error) {
        // A fix whose parameters have no defaults (a CIDR to allow) cannot plan without --param.
        expect(error).toBeInstanceOf(InputError);
        continue;
      }
      const plan = changePlanOf(plans);
      expect(planProblems(plan)).toEqual([]);
      // The dry run loads each client package and checks each command exists; it sends nothing.
      await applyPlan(plan);
      for (const step of plan.steps) {
        expect(fix.actions, `${fix.rule}: ${step.call.action}`).toContain(step.call.action);
        planned.push(`${fix.rule} ${step.call.client}:${step.call.operation}`);
      }
    }
    expect(planned.length).toBeGreaterThan(0);
  });
});
