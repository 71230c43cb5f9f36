import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { cfnTags, tagsOf } from '../tags.js';

const byName = (item: Json): Json | undefined =>
  typeof item.TableName === 'string' ? { TableName: item.TableName } : undefined;

/**
 * `dynamodb list-tables` + per table `describe-table` and `describe-continuous-backups` →
 * `AWS::DynamoDB::Table` in CloudFormation shape (`SSESpecification`, `PointInTimeRecoverySpecification`,
 * `BillingMode`, `ProvisionedThroughput`, ...); status and sizes in `observed`. When
 * describe-continuous-backups fails, `PointInTimeRecoverySpecification` is unresolved.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
 *
 * Tags come from `list-tags-of-resource` (DescribeTable has none): AWS Backup plans commonly select
 * tables by tag, so a table whose tags could not be read has `Tags` unresolved rather than none.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
 */
export const tables: Collector = {
  id: 'dynamodb/tables',
  service: 'dynamodb',
  resourceTypes: ['AWS::DynamoDB::Table'],
  list: [
    {
      command: ListTablesCommand,
      action: 'dynamodb:ListTables',
      items: ['TableNames'],
      wrap: 'TableName',
      paginate: {
        inputToken: 'ExclusiveStartTableName',
        outputToken: 'LastEvaluatedTableName',
        pageSize: ['Limit', 100],
      },
    },
  ],
  details: [
    { name: 'table', command: DescribeTableCommand, action: 'dynamodb:DescribeTable', input: byName },
    {
      name: 'backups',
      command: DescribeContinuousBackupsCommand,
      action: 'dynamodb:DescribeContinuousBackups',
      input: byName,
    },
    {
      name: 'tags',
      command: ListTagsOfResourceCommand,
      action: 'dynamodb:ListTagsOfResource',
      // The call takes the table's ARN, which the listing does not give: it is built from the unit.
      input: (item, ctx) =>
        typeof item.TableName === 'string'
          ? {
              ResourceArn: `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.account}:table/${item.TableName}`,
            }
          : undefined,
      items: 'Tags',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
      // Gaps name the table as its other details do: by name, the table's id.
      resourceId: (item) => (typeof item.TableName === 'string' ? item.TableName : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.TableNames ?? []).flatMap((item) => {
        const table = detailOf(item, 'table')?.Table;
        const name = str(item.TableName);
        if (!name || !isJson(table)) return [];
        const sse = isJson(table.SSEDescription) ? table.SSEDescription : undefined;
        const throughput = isJson(table.ProvisionedThroughput) ? table.ProvisionedThroughput : {};
        const billing = isJson(table.BillingModeSummary)
          ? str(table.BillingModeSummary.BillingMode)
          : undefined;
        const backups = detailOf(item, 'backups');
        const pitr = isJson(backups?.ContinuousBackupsDescription)
          ? backups.ContinuousBackupsDescription.PointInTimeRecoveryDescription
          : undefined;
        const stream = isJson(table.StreamSpecification) ? table.StreamSpecification : undefined;
        const props: Json = {
          TableName: name,
          KeySchema: table.KeySchema,
          AttributeDefinitions: table.AttributeDefinitions,
          BillingMode: billing ?? 'PROVISIONED',
          DeletionProtectionEnabled: table.DeletionProtectionEnabled === true,
          // No SSEDescription: encrypted with an AWS owned key (CloudFormation's SSEEnabled: false).
          SSESpecification: sse
            ? {
                SSEEnabled: sse.Status === 'ENABLED',
                SSEType: sse.SSEType,
                KMSMasterKeyId: sse.KMSMasterKeyArn,
              }
            : { SSEEnabled: false },
          TableClass: isJson(table.TableClassSummary) ? table.TableClassSummary.TableClass : undefined,
          StreamSpecification: stream?.StreamEnabled ? { StreamViewType: stream.StreamViewType } : undefined,
          GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
        };
        if ((billing ?? 'PROVISIONED') === 'PROVISIONED') {
          props.ProvisionedThroughput = {
            ReadCapacityUnits: throughput.ReadCapacityUnits,
            WriteCapacityUnits: throughput.WriteCapacityUnits,
          };
        }
        if (isJson(pitr))
          props.PointInTimeRecoverySpecification = {
            PointInTimeRecoveryEnabled: pitr.PointInTimeRecoveryStatus === 'ENABLED',
          };
        else if (backups !== undefined)
          props.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: false };
        // The call failed (the runner records the gap): whether PITR is on is not known.
        else
          props.PointInTimeRecoverySpecification = unresolved(
            `dynamodb describe-continuous-backups --table-name ${name}`,
            'the continuous backups of this table could not be read',
          );
        const tagged = detailOf(item, 'tags');
        const tags = tagged ? tagsOf(tagged.Tags) : {};
        if (tagged) props.Tags = cfnTags(tags);
        // The call failed (the runner records the gap): which tags the table has is not known.
        else
          props.Tags = unresolved(
            `dynamodb list-tags-of-resource --resource-arn ${str(table.TableArn) ?? name}`,
            'the tags of this table could not be read',
          );
        return [
          {
            type: 'AWS::DynamoDB::Table',
            id: name,
            arn: str(table.TableArn),
            name,
            tags,
            props,
            observed: {
              TableStatus: table.TableStatus,
              CreationDateTime: table.CreationDateTime,
              ItemCount: table.ItemCount,
              TableSizeBytes: table.TableSizeBytes,
              Replicas: table.Replicas,
              EarliestRestorableDateTime: isJson(pitr) ? pitr.EarliestRestorableDateTime : undefined,
            },
          },
        ];
      }),
  },
};
