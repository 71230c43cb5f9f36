import { compact, num, obj, objects, str, type Json } from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';
import { attachedVpc } from './vpc.js';

/** `describe-vpn-gateways` → `AWS::EC2::VPNGateway` (attachment folded into `VpcId`). */
export const mapVpnGateways: Mapper = (input, builder) => {
  for (const item of input.items('VpnGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'VpnGatewayId', 'VPN gateway');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::VPNGateway',
      id,
      item,
      arn: ec2Arn(`vpn-gateway/${id}`),
      tags: v.Tags,
      props: compact({
        Type: str(v.Type),
        AmazonSideAsn: num(v.AmazonSideAsn),
        VpcId: attachedVpc(v.VpcAttachments),
      }),
      observed: compact({ State: str(v.State), VpcAttachments: objects(v.VpcAttachments) }),
    });
  }
};

/** `describe-customer-gateways` → `AWS::EC2::CustomerGateway`. */
export const mapCustomerGateways: Mapper = (input, builder) => {
  for (const item of input.items('CustomerGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'CustomerGatewayId', 'customer gateway');
    if (!id) continue;
    builder.add({
      type: 'AWS::EC2::CustomerGateway',
      id,
      item,
      arn: ec2Arn(`customer-gateway/${id}`),
      tags: v.Tags,
      props: compact({
        Type: str(v.Type),
        // The API returns the ASN as a string; CloudFormation types it as an integer.
        BgpAsn: num(v.BgpAsn),
        IpAddress: str(v.IpAddress),
        DeviceName: str(v.DeviceName),
        CertificateArn: str(v.CertificateArn),
      }),
      observed: compact({ State: str(v.State) }),
    });
  }
};

/** Network address of `ip/prefix` (`169.254.59.17`, 30 → `169.254.59.16/30`). */
function networkOf(ip: string, prefix: number): string | undefined {
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(value / size) * size;
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${parts.join('.')}/${prefix}`;
}

function tag(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
}

/**
 * Tunnel addresses and BGP ASNs from a VPN connection's `CustomerGatewayConfiguration` XML. The
 * pre-shared keys in that document are secrets and are deliberately not read.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html
 */
export function tunnelsFromConfiguration(xml: string | undefined): Json[] {
  if (!xml) return [];
  return [...xml.matchAll(/<ipsec_tunnel>([\s\S]*?)<\/ipsec_tunnel>/g)].map((match) => {
    const tunnel = match[1]!;
    const side = (name: string): Json => {
      const block = tag(tunnel, name) ?? '';
      const outside = tag(block, 'tunnel_outside_address') ?? '';
      const inside = tag(block, 'tunnel_inside_address') ?? '';
      return compact({
        OutsideIpAddress: tag(outside, 'ip_address')?.trim(),
        InsideIpAddress: tag(inside, 'ip_address')?.trim(),
        InsidePrefixLength: num(tag(inside, 'network_cidr')?.trim()),
        Asn: num(tag(tag(block, 'bgp') ?? '', 'asn')?.trim()),
      });
    };
    const customer = side('customer_gateway');
    const aws = side('vpn_gateway');
    const inside =
      typeof aws.InsideIpAddress === 'string' && typeof aws.InsidePrefixLength === 'number'
        ? networkOf(aws.InsideIpAddress, aws.InsidePrefixLength)
        : undefined;
    return compact({ TunnelInsideCidr: inside, CustomerGateway: customer, AwsSide: aws });
  });
}

/**
 * `describe-vpn-connections` → `AWS::EC2::VPNConnection`. Tunnel inside CIDRs go to
 * `VpnTunnelOptionsSpecifications`; pre-shared keys are dropped (they are secrets), and so is the
 * raw `CustomerGatewayConfiguration`. Static routes, telemetry and tunnel details are in `observed`.
 */
export const mapVpnConnections: Mapper = (input, builder) => {
  for (const item of input.items('VpnConnections')) {
    const v = item.value;
    const id = requireId(builder, item, 'VpnConnectionId', 'VPN connection');
    if (!id) continue;
    const options = obj(v.Options) ?? {};
    const tunnels = tunnelsFromConfiguration(str(v.CustomerGatewayConfiguration));
    const tunnelOptions = objects(options.TunnelOptions);
    const insideCidrs =
      tunnelOptions.length > 0
        ? tunnelOptions.map((t) =>
            compact({
              TunnelInsideCidr: str(t.TunnelInsideCidr),
              TunnelInsideIpv6Cidr: str(t.TunnelInsideIpv6Cidr),
            }),
          )
        : tunnels.map((t) => compact({ TunnelInsideCidr: t.TunnelInsideCidr }));
    builder.add({
      type: 'AWS::EC2::VPNConnection',
      id,
      item,
      arn: ec2Arn(`vpn-connection/${id}`),
      tags: v.Tags,
      props: compact({
        Type: str(v.Type),
        CustomerGatewayId: str(v.CustomerGatewayId),
        VpnGatewayId: str(v.VpnGatewayId),
        TransitGatewayId: str(v.TransitGatewayId),
        StaticRoutesOnly:
          typeof options.StaticRoutesOnly === 'boolean' ? options.StaticRoutesOnly : undefined,
        LocalIpv4NetworkCidr: str(options.LocalIpv4NetworkCidr),
        RemoteIpv4NetworkCidr: str(options.RemoteIpv4NetworkCidr),
        TunnelInsideIpVersion: str(options.TunnelInsideIpVersion),
        VpnTunnelOptionsSpecifications: insideCidrs.some((t) => Object.keys(t).length > 0)
          ? insideCidrs
          : undefined,
      }),
      observed: compact({
        State: str(v.State),
        Category: str(v.Category),
        TransitGatewayAttachmentId: str(v.TransitGatewayAttachmentId),
        Routes: objects(v.Routes),
        VgwTelemetry: objects(v.VgwTelemetry),
        Tunnels: tunnels.length > 0 ? tunnels : undefined,
        TunnelOutsideIpAddresses:
          tunnelOptions.length > 0
            ? tunnelOptions.map((t) => str(t.OutsideIpAddress)).filter(Boolean)
            : undefined,
      }),
    });
  }
};

/** `directconnect describe-direct-connect-gateways` → `AWS::DirectConnect::DirectConnectGateway` (global). */
export const mapDirectConnectGateways: Mapper = (input, builder) => {
  for (const item of input.items('DirectConnectGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'DirectConnectGatewayId', 'Direct Connect gateway');
    if (!id) continue;
    const asn = num(v.AmazonSideAsn);
    builder.add({
      type: 'AWS::DirectConnect::DirectConnectGateway',
      id,
      item,
      name: str(v.DirectConnectGatewayName),
      tags: v.Tags,
      owner: str(v.OwnerAccount),
      // A Direct Connect gateway is global: every region lists the same one.
      global: true,
      props: compact({
        DirectConnectGatewayName: str(v.DirectConnectGatewayName),
        // CloudFormation types this ASN as a string.
        AmazonSideAsn: asn === undefined ? undefined : String(asn),
      }),
      observed: compact({
        DirectConnectGatewayState: str(v.DirectConnectGatewayState),
        OwnerAccount: str(v.OwnerAccount),
      }),
    });
  }
};

/** `describe-direct-connect-gateway-associations` → `AWS::DirectConnect::DirectConnectGatewayAssociation`. */
export const mapDirectConnectGatewayAssociations: Mapper = (input, builder) => {
  for (const item of input.items('DirectConnectGatewayAssociations')) {
    const v = item.value;
    const id = requireId(builder, item, 'AssociationId', 'Direct Connect gateway association');
    if (!id) continue;
    const gateway = obj(v.AssociatedGateway) ?? {};
    builder.add({
      type: 'AWS::DirectConnect::DirectConnectGatewayAssociation',
      id,
      item,
      owner: str(gateway.OwnerAccount),
      region: str(gateway.Region),
      props: compact({
        DirectConnectGatewayId: str(v.DirectConnectGatewayId),
        AssociatedGatewayId: str(gateway.Id) ?? str(v.VirtualGatewayId),
        AllowedPrefixesToDirectConnectGateway: objects(v.AllowedPrefixesToDirectConnectGateway)
          .map((p) => str(p.Cidr))
          .filter((c): c is string => c !== undefined),
      }),
      observed: compact({
        AssociationState: str(v.AssociationState),
        AssociatedGatewayType: str(gateway.Type),
        StateChangeError: str(v.StateChangeError),
      }),
    });
  }
};

const VIF_TYPES: Record<string, string> = {
  private: 'AWS::DirectConnect::PrivateVirtualInterface',
  transit: 'AWS::DirectConnect::TransitVirtualInterface',
  public: 'AWS::DirectConnect::PublicVirtualInterface',
};

/** `directconnect describe-virtual-interfaces` → the virtual interface type of its kind (BGP auth keys dropped). */
export const mapVirtualInterfaces: Mapper = (input, builder) => {
  for (const item of input.items('VirtualInterfaces')) {
    const v = item.value;
    const id = requireId(builder, item, 'VirtualInterfaceId', 'virtual interface');
    if (!id) continue;
    const kind = str(v.VirtualInterfaceType) ?? '';
    const type = VIF_TYPES[kind];
    if (!type) {
      builder.badItem(item, 'virtual interface', `unknown VirtualInterfaceType '${kind}'`);
      continue;
    }
    builder.add({
      type,
      id,
      item,
      name: str(v.VirtualInterfaceName),
      tags: v.Tags,
      owner: str(v.OwnerAccount),
      region: str(v.Region),
      props: compact({
        VirtualInterfaceName: str(v.VirtualInterfaceName),
        ConnectionId: str(v.ConnectionId),
        Vlan: num(v.Vlan),
        Mtu: num(v.Mtu),
        DirectConnectGatewayId: str(v.DirectConnectGatewayId) || undefined,
        VirtualGatewayId: str(v.VirtualGatewayId) || undefined,
        BgpPeers: objects(v.BgpPeers).map((peer) =>
          compact({
            AddressFamily: str(peer.AddressFamily),
            AmazonAddress: str(peer.AmazonAddress),
            CustomerAddress: str(peer.CustomerAddress),
            Asn: num(peer.Asn) === undefined ? undefined : String(num(peer.Asn)),
          }),
        ),
        RouteFilterPrefixes:
          kind === 'public'
            ? objects(v.RouteFilterPrefixes)
                .map((p) => str(p.Cidr))
                .filter(Boolean)
            : undefined,
      }),
      observed: compact({
        VirtualInterfaceState: str(v.VirtualInterfaceState),
        AmazonSideAsn: num(v.AmazonSideAsn),
        BgpPeers: objects(v.BgpPeers).map((peer) =>
          compact({ BgpPeerState: str(peer.BgpPeerState), BgpStatus: str(peer.BgpStatus) }),
        ),
        RouteFilterPrefixes: kind === 'public' ? undefined : objects(v.RouteFilterPrefixes),
      }),
    });
  }
};
