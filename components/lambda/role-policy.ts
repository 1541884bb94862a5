import type { TableAccess } from "../../config";

export interface PolicyStatement {
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
  readwrite: [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
  ],
};

export interface TableGrant {
  readonly arn: string;
  readonly access: TableAccess;
}

/** Exactly what one function needs: its own log group, X-Ray when traced, and its tables. */
export function functionRolePolicy(logGroupArn: string, tracing: boolean, tables: readonly TableGrant[]): PolicyDocument {
  const statements: PolicyStatement[] = [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` }];
  if (tracing) {
    // X-Ray has no resource-level permissions: "*" is the only resource these actions accept.
    statements.push({ Effect: "Allow", Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: "*" });
  }
  for (const table of tables) {
    statements.push({ Effect: "Allow", Action: TABLE_ACTIONS[table.access], Resource: [table.arn, `${table.arn}/index/*`] });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** `orderLines` → `ORDER_LINES_TABLE_NAME`: the variable a function reads its table name from. */
export function tableEnvironmentVariable(tableKey: string): string {
  return `${tableKey.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_TABLE_NAME`;
}
