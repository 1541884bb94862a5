import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DomainConfig } from "../../config";

export interface CustomDomainArgs {
  readonly config: DomainConfig;
  readonly restApiId: pulumi.Input<string>;
  /** The stages base paths map to, by name. */
  readonly stages: Readonly<Record<string, aws.apigateway.Stage>>;
  /** The provider in us-east-1, where CloudFront (so an EDGE domain) takes its certificate from. */
  readonly usEast1: aws.Provider;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A custom domain for the API: an ACM certificate validated by DNS in its Route 53 zone (in us-east-1
 * for an EDGE domain), the API Gateway domain name with TLS 1.2, a base path mapping per stage, and
 * A and AAAA alias records pointing at the domain's regional or CloudFront name.
 */
export class CustomDomain extends pulumi.ComponentResource {
  readonly domain: aws.apigateway.DomainName;
  readonly certificate: aws.acm.Certificate;
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: CustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:domain:CustomDomain", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };
    const edge = cfg.endpointType === "EDGE";
    const certificateOpts = { parent: this, ...(edge ? { provider: args.usEast1 } : {}) };
    const zone = aws.route53.getZoneOutput({ name: cfg.zone, privateZone: false }, { parent: this });

    this.certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName: cfg.name, validationMethod: "DNS", tags }, certificateOpts);
    // One name, no alternative names: ACM asks for exactly one validation record.
    const option = this.certificate.domainValidationOptions.apply((o) => o[0] as NonNullable<(typeof o)[number]>);
    const record = new aws.route53.Record(
      `${name}-validation`,
      {
        zoneId: zone.zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      `${name}-certificate-validation`,
      {
        certificateArn: this.certificate.arn,
        validationRecordFqdns: [record.fqdn],
      },
      certificateOpts,
    );

    this.domain = new aws.apigateway.DomainName(
      `${name}-domain`,
      {
        domainName: cfg.name,
        securityPolicy: "TLS_1_2",
        endpointConfiguration: { types: cfg.endpointType },
        ...(edge ? { certificateArn: validation.certificateArn } : { regionalCertificateArn: validation.certificateArn }),
        tags,
      },
      { parent: this },
    );

    for (const [basePath, stage] of Object.entries(cfg.basePaths)) {
      new aws.apigateway.BasePathMapping(
        `${name}-path-${basePath || "root"}`,
        {
          restApi: args.restApiId,
          stageName: (args.stages[stage] as aws.apigateway.Stage).stageName,
          domainName: this.domain.domainName,
          ...(basePath ? { basePath } : {}),
        },
        { parent: this },
      );
    }

    const target = edge
      ? { name: this.domain.cloudfrontDomainName, zoneId: this.domain.cloudfrontZoneId }
      : { name: this.domain.regionalDomainName, zoneId: this.domain.regionalZoneId };
    for (const type of ["A", "AAAA"]) {
      new aws.route53.Record(
        `${name}-${type.toLowerCase()}`,
        {
          zoneId: zone.zoneId,
          name: cfg.name,
          type,
          aliases: [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: false }],
        },
        { parent: this },
      );
    }

    this.url = pulumi.output(`https://${cfg.name}/`);
    this.registerOutputs({ url: this.url });
  }
}
