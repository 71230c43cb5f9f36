/**
 * EC2 writes of `cloudrounds cleanup`, made inside the recorded listings so a later describe (and
 * collection) sees them: CreateSnapshot adds a `completed` snapshot (or a `pending` one, to test
 * waiting), DeleteVolume / ReleaseAddress / DeregisterImage / DeleteSnapshot remove the item,
 * StopInstances / StartInstances change the instance state, CopyImage adds the copy.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshot.html
 */
import { randomUUID } from 'node:crypto';
import { EC2_NAMESPACE } from '../protocols.js';
import { children, escapeXml, text, type XmlElement } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

function response(operation: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>${randomUUID()}</requestId>${inner}</${operation}Response>`;
}

function child(xml: string, parent: XmlElement, name: string): XmlElement | undefined {
  return children(xml, parent.innerStart, parent.innerEnd).find((c) => c.name === name);
}

/** The `<item>`s of a listing's set (`volumeSet`, `addressesSet`...), with the set element. */
function items(xml: string, setName: string): { set: XmlElement; items: XmlElement[] } | undefined {
  const top = children(xml)[0];
  const set = top && child(xml, top, setName);
  if (!set) return undefined;
  return { set, items: children(xml, set.innerStart, set.innerEnd).filter((c) => c.name === 'item') };
}

function findItem(xml: string, setName: string, idName: string, id: string) {
  return items(xml, setName)?.items.find((item) => {
    const e = child(xml, item, idName);
    return e !== undefined && text(xml, e) === id;
  });
}

/** Removes the item whose `<idName>` is `id` from a recorded listing; false when absent. */
function removeItem(state: WriteState, key: string, setName: string, idName: string, id: string): boolean {
  const xml = state.get(key);
  const item = xml === undefined ? undefined : findItem(xml, setName, idName, id);
  if (xml === undefined || !item) return false;
  state.set(key, xml.slice(0, item.start) + xml.slice(item.end));
  return true;
}

function appendItem(state: WriteState, key: string, operation: string, setName: string, item: string): void {
  const xml =
    state.get(key) ??
    response(operation, `<${setName}></${setName}>`).replace(
      /<requestId>[^<]*<\/requestId>/,
      '<requestId>{{requestId}}</requestId>',
    );
  const found = items(xml, setName);
  if (!found) throw new Error(`${key} has no ${setName}`);
  state.set(key, xml.slice(0, found.set.innerEnd) + item + xml.slice(found.set.innerEnd));
}

/** Tags of `TagSpecification.N` for one resource type, from EC2 form parameters. */
function tagsFor(params: Record<string, unknown>, resourceType: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let n = 1; params[`TagSpecification.${n}.ResourceType`] !== undefined; n++) {
    if (params[`TagSpecification.${n}.ResourceType`] !== resourceType) continue;
    for (let t = 1; params[`TagSpecification.${n}.Tag.${t}.Key`] !== undefined; t++) {
      out.push([
        String(params[`TagSpecification.${n}.Tag.${t}.Key`]),
        String(params[`TagSpecification.${n}.Tag.${t}.Value`] ?? ''),
      ]);
    }
  }
  return out;
}

function tagSet(tags: Array<[string, string]>): string {
  if (tags.length === 0) return '';
  return `<tagSet>${tags.map(([k, v]) => `<item><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></item>`).join('')}</tagSet>`;
}

const hex = () => randomUUID().replace(/-/g, '').slice(0, 17);

/** Options of the cleanup handlers: the state new snapshots start in. */
export interface Ec2CleanupOptions {
  snapshotState?: 'completed' | 'pending' | 'error';
}

export function ec2CleanupWrites(options: Ec2CleanupOptions = {}): WriteHandlers {
  const createSnapshot: WriteHandler = (request, state) => {
    const volumeId = String(request.params.VolumeId ?? '');
    const volumes = state.get('ec2/DescribeVolumes');
    const volume = volumes === undefined ? undefined : findItem(volumes, 'volumeSet', 'volumeId', volumeId);
    if (!volumes || !volume) {
      return state.error(400, 'InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
    }
    const sizeEl = child(volumes, volume, 'size');
    const id = `snap-${hex()}`;
    const fields =
      `<snapshotId>${id}</snapshotId><volumeId>${escapeXml(volumeId)}</volumeId>` +
      `<status>${options.snapshotState ?? 'completed'}</status><startTime>2026-11-22T00:31:00.000Z</startTime>` +
      `<progress>100%</progress><ownerId>111122223333</ownerId><volumeSize>${sizeEl ? text(volumes, sizeEl) : '0'}</volumeSize>` +
      `<description>${escapeXml(String(request.params.Description ?? ''))}</description><encrypted>false</encrypted>` +
      tagSet(tagsFor(request.params, 'snapshot'));
    appendItem(state, 'ec2/DescribeSnapshots', 'DescribeSnapshots', 'snapshotSet', `<item>${fields}</item>`);
    return ok(response('CreateSnapshot', fields));
  };

  const deleteVolume: WriteHandler = (request, state) => {
    const id = String(request.params.VolumeId ?? '');
    if (!removeItem(state, 'ec2/DescribeVolumes', 'volumeSet', 'volumeId', id)) {
      return state.error(400, 'InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
    }
    return ok(response('DeleteVolume', '<return>true</return>'));
  };

  const releaseAddress: WriteHandler = (request, state) => {
    const id = String(request.params.AllocationId ?? request.params.PublicIp ?? '');
    const idName = request.params.AllocationId !== undefined ? 'allocationId' : 'publicIp';
    if (!removeItem(state, 'ec2/DescribeAddresses', 'addressesSet', idName, id)) {
      return state.error(400, 'InvalidAllocationID.NotFound', `The allocation ID '${id}' does not exist`);
    }
    return ok(response('ReleaseAddress', '<return>true</return>'));
  };

  const deregisterImage: WriteHandler = (request, state) => {
    const id = String(request.params.ImageId ?? '');
    if (!removeItem(state, 'ec2/DescribeImages', 'imagesSet', 'imageId', id)) {
      return state.error(400, 'InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    }
    return ok(response('DeregisterImage', '<return>true</return>'));
  };

  const deleteSnapshot: WriteHandler = (request, state) => {
    const id = String(request.params.SnapshotId ?? '');
    removeItem(state, 'ec2/DescribeSnapshots', 'snapshotSet', 'snapshotId', id);
    return ok(response('DeleteSnapshot', '<return>true</return>'));
  };

  const copyImage: WriteHandler = (request, state) => {
    const id = `ami-${hex()}`;
    const fields =
      `<imageId>${id}</imageId><name>${escapeXml(String(request.params.Name ?? id))}</name>` +
      `<imageState>available</imageState><imageOwnerId>111122223333</imageOwnerId><isPublic>false</isPublic>` +
      `<creationDate>2026-11-22T00:31:00.000Z</creationDate>` +
      tagSet(tagsFor(request.params, 'image'));
    appendItem(state, 'ec2/DescribeImages', 'DescribeImages', 'imagesSet', `<item>${fields}</item>`);
    return ok(response('CopyImage', `<imageId>${id}</imageId>`));
  };

  const setInstanceState =
    (operation: 'StopInstances' | 'StartInstances', name: string, code: number): WriteHandler =>
    (request, state) => {
      const id = String(request.params['InstanceId.1'] ?? '');
      const xml = state.get('ec2/DescribeInstances');
      if (xml === undefined || !xml.includes(`<instanceId>${id}</instanceId>`)) {
        return state.error(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
      }
      const at = xml.indexOf(`<instanceId>${id}</instanceId>`);
      const stateAt = xml.indexOf('<instanceState>', at);
      const stateEnd = xml.indexOf('</instanceState>', stateAt) + '</instanceState>'.length;
      const previous = xml.slice(stateAt, stateEnd);
      const next = `<instanceState><code>${code}</code><name>${name}</name></instanceState>`;
      state.set('ec2/DescribeInstances', xml.slice(0, stateAt) + next + xml.slice(stateEnd));
      return ok(
        response(
          operation,
          `<instancesSet><item><instanceId>${escapeXml(id)}</instanceId><currentState><code>${code}</code><name>${name}</name></currentState><previousState>${previous.replace(/<\/?instanceState>/g, '')}</previousState></item></instancesSet>`,
        ),
      );
    };

  return {
    'ec2:CreateSnapshot': createSnapshot,
    'ec2:DeleteVolume': deleteVolume,
    'ec2:ReleaseAddress': releaseAddress,
    'ec2:DeregisterImage': deregisterImage,
    'ec2:DeleteSnapshot': deleteSnapshot,
    'ec2:CopyImage': copyImage,
    'ec2:StopInstances': setInstanceState('StopInstances', 'stopped', 80),
    'ec2:StartInstances': setInstanceState('StartInstances', 'running', 16),
  };
}
