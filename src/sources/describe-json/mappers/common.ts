import { UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../../../model/index.js';
import type { Builder, Item } from '../builder.js';
import { partitionOf, str } from '../values.js';

/** All items of the input, by the top-level key they came from (`Vpcs`, `Subnets`, ...). */
export interface Collections {
  items(key: string): Item[];
  /** True when at least one file of the input had this key (even with an empty list). */
  present(key: string): boolean;
}

/** Maps the items of one or more describe outputs into resources. */
export type Mapper = (input: Collections, builder: Builder) => void;

/** The item's string id at `key`, or a `parse-error` gap and undefined when it is missing. */
export function requireId(builder: Builder, item: Item, key: string, kind: string): string | undefined {
  const id = str(item.value[key]);
  if (id) return id;
  builder.badItem(item, kind, `no ${key}`);
  return undefined;
}

/** ARN builder for an EC2 resource, used once account and region are known. */
export function ec2Arn(resourcePath: string): (account: string, region: string) => string | undefined {
  return (account, region) =>
    account === UNKNOWN_ACCOUNT || region === UNKNOWN_REGION
      ? undefined
      : `arn:${partitionOf(region)}:ec2:${region}:${account}:${resourcePath}`;
}
