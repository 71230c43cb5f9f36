/** Whether a GuardDuty detector is on: the live `observed.Status` wins over the template's `Enable`. */
import type { Resource } from '../../model/index.js';
import { asBoolean, prop } from '../rule.js';

export const DETECTOR = 'AWS::GuardDuty::Detector';

export type Enabled =
  { readonly known: true; readonly value: boolean } | { readonly known: false; readonly reason: string };

/**
 * `observed.Status` (GetDetector: `ENABLED` / `DISABLED`), else `Enable` (required in
 * CloudFormation; Terraform defaults it to true).
 */
export function detectorEnabled(detector: Resource): Enabled {
  const status = detector.observed?.Status;
  if (status === 'ENABLED' || status === 'DISABLED') return { known: true, value: status === 'ENABLED' };
  const enable = prop(detector.props, 'Enable');
  if (!enable.known) return enable;
  const b = asBoolean(enable.value);
  if (b === undefined)
    return { known: false, reason: `Enable is ${JSON.stringify(enable.value) ?? 'missing'}, not a boolean` };
  return { known: true, value: b };
}
