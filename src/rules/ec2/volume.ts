/**
 * EBS volume facts the volume rules share: size, type (CloudFormation and the EC2 API default to
 * gp2) and the list-price monthly cost. Not a rule.
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { asNumber } from '../rule.js';
import { GP3_IOPS_MONTH, GP3_THROUGHPUT_MONTH } from './prices.js';

/** "VolumeType … Default: gp2" (CreateVolume, AWS::EC2::Volume). */
export const DEFAULT_VOLUME_TYPE = 'gp2';

export function volumeType(volume: Resource): string | undefined {
  const t = volume.props.VolumeType;
  if (isUnresolved(t)) return undefined;
  return typeof t === 'string' ? t : DEFAULT_VOLUME_TYPE;
}

export function volumeSize(volume: Resource): number | undefined {
  return asNumber(volume.props.Size);
}

/** Monthly storage price, plus gp3 IOPS and throughput above the free baseline. */
export function monthlyPrice(
  volume: Resource,
  gbMonth: Readonly<Record<string, number>>,
): number | undefined {
  const size = volumeSize(volume);
  const type = volumeType(volume);
  if (size === undefined || type === undefined || gbMonth[type] === undefined) return undefined;
  let price = size * (gbMonth[type] as number);
  if (type === 'gp3') {
    price += Math.max(0, (asNumber(volume.props.Iops) ?? 3000) - 3000) * GP3_IOPS_MONTH;
    price += Math.max(0, (asNumber(volume.props.Throughput) ?? 125) - 125) * GP3_THROUGHPUT_MONTH;
  }
  return price;
}
