import { ECR_IMAGE_PATTERN, type EcsBackendConfig } from "../../config";
import type { PolicyDocument, PolicyStatement } from "../lambda/role-policy";

/** The name of the one container of a backend's task. */
export const CONTAINER_NAME = "app";

/** The container definitions of a backend's task: one essential container logging to its log group. */
export function containerDefinitions(config: EcsBackendConfig, logGroupName: string, region: string): string {
  return JSON.stringify([
    {
      name: CONTAINER_NAME,
      image: config.image,
      essential: true,
      portMappings: [{ containerPort: config.port, protocol: "tcp" }],
      environment: Object.entries(config.environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": config.key },
      },
    },
  ]);
}

/**
 * What ECS needs to start the task, and nothing else: write to the backend's log group and, for a
 * private ECR image, pull that repository. An image from a public registry needs no grant.
 */
export function executionRolePolicy(logGroupArn: string, image: string, partition = "aws"): PolicyDocument {
  const statements: PolicyStatement[] = [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` }];
  const ecr = ECR_IMAGE_PATTERN.exec(image);
  if (ecr) {
    const [, account, region, , repository] = ecr;
    // GetAuthorizationToken has no resource-level permissions: "*" is the only resource it accepts.
    statements.push({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" });
    statements.push({
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: `arn:${partition}:ecr:${region}:${account}:repository/${repository}`,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
