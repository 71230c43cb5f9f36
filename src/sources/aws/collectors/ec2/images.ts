import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import type { Collector } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { tagsOf } from '../tags.js';
import { ec2Pages } from './common.js';

/**
 * `ec2 describe-images --owners self` → `AWS::EC2::Image` (model-only type, id = ami-…): the AMIs the
 * account owns, with their public flag and backing snapshots.
 */
export const images: Collector = {
  id: 'ec2/images',
  service: 'ec2',
  resourceTypes: ['AWS::EC2::Image'],
  list: [
    {
      command: DescribeImagesCommand,
      action: 'ec2:DescribeImages',
      input: () => ({ Owners: ['self'] }),
      items: ['Images'],
      paginate: ec2Pages(1000)!,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Images ?? []).flatMap((image) => {
        const id = image.ImageId;
        if (typeof id !== 'string') return [];
        const tags = tagsOf(image.Tags);
        return [
          {
            type: 'AWS::EC2::Image',
            id,
            arn: `arn:${ctx.partition}:ec2:${ctx.region}::image/${id}`,
            name: typeof image.Name === 'string' ? image.Name : undefined,
            tags,
            props: {
              Name: image.Name,
              Description: image.Description,
              Architecture: image.Architecture,
              RootDeviceType: image.RootDeviceType,
              BlockDeviceMappings: objectsOf(image.BlockDeviceMappings).map((m) => ({
                DeviceName: m.DeviceName,
                ...(isJson(m.Ebs) ? { Ebs: m.Ebs } : {}),
              })),
            },
            observed: {
              State: image.State,
              Public: image.Public,
              CreationDate: image.CreationDate,
              DeprecationTime: image.DeprecationTime,
              OwnerId: image.OwnerId,
            },
          },
        ];
      }),
  },
};
