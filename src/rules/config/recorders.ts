/**
 * What an AWS Config configuration recorder records, from its CloudFormation-shaped
 * `RecordingGroup` and the recorder status a live source puts in `observed`
 * (DescribeConfigurationRecorderStatus: `Recording`, `LastStatus`, `LastErrorMessage`).
 * https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { asBoolean, prop } from '../rule.js';

export const RECORDER = 'AWS::Config::ConfigurationRecorder';

/** A recorder's coverage: `gap` says what it leaves out; `global` whether it records IAM's global types. */
export type Coverage =
  | { readonly known: true; readonly gap?: string; readonly global: boolean }
  | { readonly known: false; readonly reason: string };

/**
 * Without a `RecordingGroup`, Config records all current and future supported types of the
 * region, excluding the global IAM types (AWS::Config::ConfigurationRecorder RecordingGroup).
 */
export function coverage(recorder: Resource): Coverage {
  const group = prop(recorder.props, 'RecordingGroup');
  if (!group.known) return group;
  if (group.value === undefined) return { known: true, global: false };
  const strategy = prop(recorder.props, 'RecordingGroup.RecordingStrategy.UseOnly');
  const all = prop(recorder.props, 'RecordingGroup.AllSupported');
  const global = prop(recorder.props, 'RecordingGroup.IncludeGlobalResourceTypes');
  for (const p of [strategy, all, global]) if (!p.known) return p;
  const includesGlobal = asBoolean(global.known ? global.value : undefined) === true;
  if (strategy.known && strategy.value === 'EXCLUSION_BY_RESOURCE_TYPES') {
    const excluded = prop(recorder.props, 'RecordingGroup.ExclusionByResourceTypes.ResourceTypes');
    const list =
      excluded.known && Array.isArray(excluded.value) && excluded.value.length > 0
        ? excluded.value.join(', ')
        : 'some types';
    return { known: true, gap: `excludes ${list}`, global: includesGlobal };
  }
  if (strategy.known && strategy.value === 'INCLUSION_BY_RESOURCE_TYPES') {
    return { known: true, gap: 'records only the resource types it lists', global: includesGlobal };
  }
  // AllSupported: API default false when a group is given without a strategy, but then
  // ResourceTypes decides; an empty group records everything supported.
  const types = prop(recorder.props, 'RecordingGroup.ResourceTypes');
  const listed = types.known && Array.isArray(types.value) && types.value.length > 0;
  if (asBoolean(all.known ? all.value : undefined) === false && listed) {
    return { known: true, gap: 'records only the resource types it lists', global: includesGlobal };
  }
  return { known: true, global: includesGlobal };
}

/** Why a live recorder's status is not known (its status was not read); `undefined` otherwise. */
export function statusUnknown(recorder: Resource): string | undefined {
  const recording = recorder.observed?.Recording;
  return isUnresolved(recording) ? `whether it is recording is not known: ${recording.reason}` : undefined;
}

/** Why a live recorder is not recording, from its status; `undefined` when it is (or not known). */
export function notRecording(recorder: Resource): string | undefined {
  const o = recorder.observed;
  if (!o) return undefined;
  if (o.Recording === false) return 'is stopped';
  if (o.LastStatus === 'Failure' || o.LastStatus === 'FAILURE') {
    const message = typeof o.LastErrorMessage === 'string' ? `: ${o.LastErrorMessage}` : '';
    return `failed its last recording${message}`;
  }
  return undefined;
}
