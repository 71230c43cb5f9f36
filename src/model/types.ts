/**
 * Resource types the model uses that have no CloudFormation resource type, because they are
 * account settings or by-products rather than things a template declares. Where AWS Config
 * has a resource type for it, that name is used; otherwise the name follows the same
 * `AWS::Service::Thing` pattern. Everything else uses the CloudFormation type name.
 */
export const MODEL_ONLY_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  // AWS Config type; Terraform aws_s3_account_public_access_block; s3control GetPublicAccessBlock.
  'AWS::S3::AccountPublicAccessBlock': 'S3 Block Public Access settings of the account (id = account id)',
  'AWS::IAM::AccountPasswordPolicy': 'IAM password policy of the account (id = account id)',
  'AWS::IAM::RootAccount':
    'The root user: MFA, access keys, last use, from the credential report (id = account id)',
  'AWS::EC2::Snapshot':
    'EBS snapshot (id = snap-…); AWS Config type AWS::EC2::Snapshot is not a CloudFormation type',
  'AWS::EC2::Image': 'AMI owned by the account (id = ami-…)',
  'AWS::RDS::DBSnapshot': 'RDS manual or automated snapshot (AWS Config type)',
  'AWS::EC2::EBSEncryptionByDefault':
    'EBS encryption by default, per account and region (props EbsEncryptionByDefault; ec2 GetEbsEncryptionByDefault)',
};
