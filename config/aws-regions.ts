import { formatValue } from "./format";

/**
 * The AWS Regions a stack may deploy to (`aws:region`), by partition. Sources: "AWS Regions" and "AWS
 * Region billing codes" (AWS Regions and Availability Zones guide); the same codes are in the
 * partition metadata of the AWS SDK for JavaScript v3 and in @pulumi/aws's `Region` enum. The SDK's
 * metadata also names me-west-1 and sa-west-1, which the documentation does not list yet: add a
 * Region here once AWS documents it.
 */
export const AWS_REGIONS = [
  // aws: commercial Regions.
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  // aws-cn: an Amazon Web Services (China) account's Regions.
  "cn-north-1",
  "cn-northwest-1",
  // aws-us-gov: an AWS GovCloud (US) account's Regions.
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

export const REGION_CONFIG_KEY = "aws:region";

/** The problem with the stack's `aws:region`, if any; unset leaves the provider to its environment (AWS_REGION). */
export function regionProblem(region: string | undefined): string | undefined {
  if (region === undefined || (AWS_REGIONS as readonly string[]).includes(region)) return undefined;
  return `${REGION_CONFIG_KEY}: ${formatValue(region)} is not an AWS Region; one of ${AWS_REGIONS.join(", ")}`;
}
