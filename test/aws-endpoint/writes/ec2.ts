/**
 * EC2 writes: changes made inside the recorded `DescribeInstances` listing, so the next describe
 * (and collection) returns the instance as changed.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataOptions.html
 */
import { randomUUID } from 'node:crypto';
import { EC2_NAMESPACE } from '../protocols.js';
import { children, escapeXml, text, type XmlElement } from '../xml.js';
import type { WriteHandler, WriteHandlers } from '../writes.js';
import { ok } from '../writes.js';

function child(xml: string, parent: XmlElement, name: string): XmlElement | undefined {
  return children(xml, parent.innerStart, parent.innerEnd).find((c) => c.name === name);
}

/** The `<item>` of an instance in a `DescribeInstances` document. */
function findInstance(xml: string, instanceId: string): XmlElement | undefined {
  const response = children(xml).find((c) => c.name === 'DescribeInstancesResponse');
  const reservations = response && child(xml, response, 'reservationSet');
  if (!reservations) return undefined;
  for (const reservation of children(xml, reservations.innerStart, reservations.innerEnd)) {
    const instances = child(xml, reservation, 'instancesSet');
    if (!instances) continue;
    for (const item of children(xml, instances.innerStart, instances.innerEnd)) {
      const id = child(xml, item, 'instanceId');
      if (id && text(xml, id) === instanceId) return item;
    }
  }
  return undefined;
}

const OPTION_FIELDS: Array<[param: string, element: string]> = [
  ['HttpTokens', 'httpTokens'],
  ['HttpPutResponseHopLimit', 'httpPutResponseHopLimit'],
  ['HttpEndpoint', 'httpEndpoint'],
  ['HttpProtocolIpv6', 'httpProtocolIpv6'],
  ['InstanceMetadataTags', 'instanceMetadataTags'],
];

const modifyInstanceMetadataOptions: WriteHandler = (request, state) => {
  const instanceId = String(request.params.InstanceId ?? '');
  const listing = state.get('ec2/DescribeInstances');
  const item = listing === undefined ? undefined : findInstance(listing, instanceId);
  if (listing === undefined || !item) {
    return state.error(400, 'InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
  }
  const tokens = request.params.HttpTokens;
  if (tokens !== undefined && tokens !== 'required' && tokens !== 'optional') {
    return state.error(
      400,
      'InvalidParameterValue',
      `Value (${String(tokens)}) for parameter HttpTokens is invalid.`,
    );
  }
  // Fields not in the request keep their value (the API changes only what it is given).
  const current = child(listing, item, 'metadataOptions');
  const values = new Map<string, string>();
  if (current) {
    for (const c of children(listing, current.innerStart, current.innerEnd))
      values.set(c.name, text(listing, c));
  }
  values.set('state', 'applied');
  for (const [param, element] of OPTION_FIELDS) {
    const value = request.params[param];
    if (value !== undefined) values.set(element, escapeXml(String(value)));
  }
  const inner = [...values].map(([name, value]) => `<${name}>${value}</${name}>`).join('');
  const replacement = `<metadataOptions>${inner}</metadataOptions>`;
  const updated = current
    ? listing.slice(0, current.start) + replacement + listing.slice(current.end)
    : listing.slice(0, item.innerEnd) + replacement + listing.slice(item.innerEnd);
  state.set('ec2/DescribeInstances', updated);
  return ok(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ModifyInstanceMetadataOptionsResponse xmlns="${EC2_NAMESPACE}"><requestId>${randomUUID()}</requestId><instanceId>${escapeXml(instanceId)}</instanceId><instanceMetadataOptions>${inner.replace('<state>applied</state>', '<state>pending</state>')}</instanceMetadataOptions></ModifyInstanceMetadataOptionsResponse>`,
  );
};

export const ec2Writes: WriteHandlers = {
  'ec2:ModifyInstanceMetadataOptions': modifyInstanceMetadataOptions,
};
