/**
 * The draw.io (diagrams.net) AWS 4 shapes this tool draws with, as named in diagrams.net's AWS 4
 * library (js/diagramly/sidebar/Sidebar-AWS4.js in jgraph/drawio: the Groups, Compute, Database,
 * Analytics and Network & Content Delivery palettes). Only names listed here may appear in a
 * generated style; a test checks every generated style against this table, and docs/diagram.md
 * lists it.
 */
import type { DiagramKind } from '../../questions/diagram.js';

export interface Aws4Shape {
  /** The `shape=` value. */
  shape: 'mxgraph.aws4.group' | 'mxgraph.aws4.resourceIcon' | `mxgraph.aws4.${string}`;
  /** `grIcon=` (groups) or `resIcon=` (resource icons); absent for plain shapes. */
  icon?: `mxgraph.aws4.${string}`;
  /** The diagrams.net palette the entry is in. */
  palette: 'Groups' | 'Compute' | 'Database' | 'Analytics' | 'Network & Content Delivery';
  /** Rest of the style (colours, label position), as the palette entry sets it. */
  style: string;
}

const GROUP =
  'outlineConnect=0;gradientColor=none;whiteSpace=wrap;fontSize=12;fontStyle=0;verticalAlign=top;align=left;spacingLeft=30;dashed=0;container=1;collapsible=0;';
const ICON =
  'outlineConnect=0;fontColor=#232F3E;strokeColor=none;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;fontSize=11;fontStyle=0;aspect=fixed;';
const RESOURCE = `${ICON}gradientDirection=north;strokeColor=#ffffff;`;

/** The shape of each kind of box. */
export const AWS4_SHAPES: Record<DiagramKind, Aws4Shape> = {
  account: {
    shape: 'mxgraph.aws4.group',
    icon: 'mxgraph.aws4.group_aws_cloud_alt',
    palette: 'Groups',
    style: `${GROUP}strokeColor=#232F3E;fillColor=none;fontColor=#232F3E;`,
  },
  region: {
    shape: 'mxgraph.aws4.group',
    icon: 'mxgraph.aws4.group_region',
    palette: 'Groups',
    style: `${GROUP}strokeColor=#147EBA;fillColor=none;fontColor=#147EBA;dashed=1;`,
  },
  vpc: {
    shape: 'mxgraph.aws4.group',
    icon: 'mxgraph.aws4.group_vpc',
    palette: 'Groups',
    style: `${GROUP}strokeColor=#248814;fillColor=none;fontColor=#AAB7B8;`,
  },
  'external-vpc': {
    shape: 'mxgraph.aws4.group',
    icon: 'mxgraph.aws4.group_vpc',
    palette: 'Groups',
    style: `${GROUP}strokeColor=#879196;fillColor=none;fontColor=#879196;dashed=1;`,
  },
  // Public and private subnets are the same group icon in two colours (see SUBNET_STYLE).
  subnet: {
    shape: 'mxgraph.aws4.group',
    icon: 'mxgraph.aws4.group_security_group',
    palette: 'Groups',
    style: `${GROUP}grStroke=0;`,
  },
  instance: {
    shape: 'mxgraph.aws4.resourceIcon',
    icon: 'mxgraph.aws4.ec2',
    palette: 'Compute',
    style: `${RESOURCE}fillColor=#D05C17;gradientColor=#F78E04;`,
  },
  lambda: {
    shape: 'mxgraph.aws4.resourceIcon',
    icon: 'mxgraph.aws4.lambda',
    palette: 'Compute',
    style: `${RESOURCE}fillColor=#D05C17;gradientColor=#F78E04;`,
  },
  database: {
    shape: 'mxgraph.aws4.resourceIcon',
    icon: 'mxgraph.aws4.rds',
    palette: 'Database',
    style: `${RESOURCE}fillColor=#2E27AD;gradientColor=#4D72F3;`,
  },
  redshift: {
    shape: 'mxgraph.aws4.resourceIcon',
    icon: 'mxgraph.aws4.redshift',
    palette: 'Analytics',
    style: `${RESOURCE}fillColor=#5A30B5;gradientColor=#945DF2;`,
  },
  'transit-gateway': {
    shape: 'mxgraph.aws4.resourceIcon',
    icon: 'mxgraph.aws4.transit_gateway',
    palette: 'Network & Content Delivery',
    style: `${RESOURCE}fillColor=#5A30B5;gradientColor=#945DF2;`,
  },
  'nat-gateway': {
    shape: 'mxgraph.aws4.nat_gateway',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'load-balancer': {
    shape: 'mxgraph.aws4.application_load_balancer',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'interface-endpoint': {
    shape: 'mxgraph.aws4.endpoints',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'gateway-endpoint': {
    shape: 'mxgraph.aws4.endpoints',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'network-interface': {
    shape: 'mxgraph.aws4.elastic_network_interface',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'internet-gateway': {
    shape: 'mxgraph.aws4.internet_gateway',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  // The AWS 4 library has no egress-only gateway icon; the internet gateway's, labelled.
  'egress-only-internet-gateway': {
    shape: 'mxgraph.aws4.internet_gateway',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
  'vpn-gateway': {
    shape: 'mxgraph.aws4.vpn_gateway',
    palette: 'Network & Content Delivery',
    style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
  },
};

/** Network and Application Load Balancers have their own icons in the same palette. */
export const NETWORK_LOAD_BALANCER: Aws4Shape = {
  shape: 'mxgraph.aws4.network_load_balancer',
  palette: 'Network & Content Delivery',
  style: `${ICON}fillColor=#5A30B5;gradientColor=none;`,
};

/** Colours of the palette's "Public subnet" and "Private subnet" entries. */
export const SUBNET_STYLE = {
  public: 'strokeColor=#248814;fillColor=#E9F3E6;fontColor=#248814;',
  private: 'strokeColor=#147EBA;fillColor=#E6F2F8;fontColor=#147EBA;',
} as const;

/** Every `shape` / `grIcon` / `resIcon` name used, for the check against the library. */
export function aws4NamesUsed(): string[] {
  const names = new Set<string>();
  for (const s of [...Object.values(AWS4_SHAPES), NETWORK_LOAD_BALANCER]) {
    names.add(s.shape);
    if (s.icon) names.add(s.icon);
  }
  return [...names].sort();
}

/** The full style string of a shape. */
export function aws4Style(s: Aws4Shape, extra = ''): string {
  const icon = s.icon ? (s.shape === 'mxgraph.aws4.group' ? `grIcon=${s.icon};` : `resIcon=${s.icon};`) : '';
  return `shape=${s.shape};${icon}${s.style}${extra}`;
}
