import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { BucketConfig } from "../../config";
import { REPO_ROOT } from "../../config/paths";
import { trustPolicy } from "../iam/trust-policy";
import { contentType } from "./content-type";
import { singleActionPolicy } from "./service-uris";

/** Every file below a folder, as paths relative to it with `/` separators, sorted. */
export function filesBelow(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(path.relative(folder, full).split(path.sep).join("/"));
    }
  };
  walk(folder);
  return out.sort();
}

export interface ContentBucketArgs {
  readonly config: BucketConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A private bucket (public access blocked, owner-enforced, encrypted, versioned) that routes read
 * through API Gateway, filled from a folder of the repository, and the role API Gateway assumes to
 * call exactly `s3:GetObject` on its objects.
 */
export class ContentBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly apiRole: aws.iam.Role;
  readonly objects: readonly aws.s3.BucketObjectv2[];

  constructor(name: string, args: ContentBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:integrations:ContentBucket", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags }, { parent: this });
    const child = { parent: this };
    const access = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: this.bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: this.bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
      },
      child,
    );
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, child);

    const folder = cfg.contentFolder ? path.join(REPO_ROOT, cfg.contentFolder) : undefined;
    this.objects = (folder ? filesBelow(folder) : []).map(
      (file) =>
        new aws.s3.BucketObjectv2(
          `${name}-object-${file}`,
          {
            bucket: this.bucket.id,
            key: file,
            source: new pulumi.asset.FileAsset(path.join(folder as string, file)),
            contentType: contentType(file),
            tags,
          },
          { parent: this, dependsOn: [access] },
        ),
    );

    this.apiRole = new aws.iam.Role(
      `${name}-apigateway-role`,
      {
        description: `Lets API Gateway read the objects of the ${cfg.key} bucket`,
        assumeRolePolicy: JSON.stringify(trustPolicy("apigateway.amazonaws.com")),
        inlinePolicies: [{ name: "get-object", policy: this.bucket.arn.apply((arn) => JSON.stringify(singleActionPolicy("s3:GetObject", `${arn}/*`))) }],
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ bucketName: this.bucket.bucket });
  }
}
