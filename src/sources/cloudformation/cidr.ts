/**
 * `Fn::Cidr [ipBlock, count, cidrBits]`: `count` consecutive blocks of `cidrBits` host bits each,
 * from the start of `ipBlock` (so `["10.0.0.0/16", 4, 8]` gives four /24s).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html
 */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] | { error: string } {
  const slash = ipBlock.indexOf('/');
  if (slash < 0) return { error: `"${ipBlock}" is not a CIDR block` };
  const prefix = Number(ipBlock.slice(slash + 1));
  const address = ipBlock.slice(0, slash);
  const v6 = address.includes(':');
  const width = v6 ? 128 : 32;
  const base = v6 ? parseIpv6(address) : parseIpv4(address);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > width) {
    return { error: `"${ipBlock}" is not a CIDR block` };
  }
  if (!Number.isInteger(count) || count < 1 || count > 256)
    return { error: `count ${count} is not between 1 and 256` };
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > width - prefix) {
    return { error: `${cidrBits} subnet bits do not fit in a /${prefix}` };
  }
  if (BigInt(count) << BigInt(cidrBits) > 1n << BigInt(width - prefix)) {
    return { error: `${count} blocks of ${cidrBits} bits do not fit in ${ipBlock}` };
  }
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = base & ~hostMask & ((1n << BigInt(width)) - 1n);
  const size = 1n << BigInt(cidrBits);
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const start = network + i * size;
    out.push(`${v6 ? formatIpv6(start) : formatIpv4(start)}/${width - cidrBits}`);
  }
  return out;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** RFC 5952 form: lower case, no leading zeros, the longest run of zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
