import type { AnyRule } from '../rule.js';
import organizationAllFeaturesEnabled from './organizations-organization-all-features-enabled.js';
import organizationCustomScpAttached from './organizations-organization-custom-scp-attached.js';
import ouGuardrailScpAttached from './organizations-ou-guardrail-scp-attached.js';

/** The Organizations rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const organizationsRules: readonly AnyRule[] = [
  organizationAllFeaturesEnabled,
  organizationCustomScpAttached,
  ouGuardrailScpAttached,
];
