import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { webAclRules, webAclVisibility } from "./web-acl-rules";

export interface WebAclArgs {
  /** The stages to protect, by name; each gets an association. */
  readonly stages: Readonly<Record<string, aws.apigateway.Stage>>;
  /** Requests one IP may send in five minutes before it is blocked. */
  readonly ratePer5Minutes: number;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A REGIONAL WAFv2 web ACL (API Gateway stages take only REGIONAL ones) in front of the stages. */
export class WebAcl extends pulumi.ComponentResource {
  readonly acl: aws.wafv2.WebAcl;
  readonly associations: readonly aws.wafv2.WebAclAssociation[];

  constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:access:WebAcl", name, {}, opts);
    this.acl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        description: "Managed protections and a per-IP rate limit for the API's stages",
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: webAclRules(args.ratePer5Minutes),
        visibilityConfig: webAclVisibility(name),
        tags: { ...args.tags },
      },
      { parent: this },
    );
    this.associations = Object.entries(args.stages).map(
      ([stage, resource]) => new aws.wafv2.WebAclAssociation(`${name}-${stage}`, { resourceArn: resource.arn, webAclArn: this.acl.arn }, { parent: this }),
    );
    this.registerOutputs({ webAclArn: this.acl.arn });
  }
}
