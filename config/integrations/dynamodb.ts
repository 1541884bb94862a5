import { z } from "zod";
import { RESOURCE_DEFAULTS } from "../sections/resources";
import { formatValue } from "../format";
import { pathParameterNames } from "../route-paths";
import { at, checkResponseTemplate, checkTemplate, integrationConfig, list } from "./shared";

/** The DynamoDB actions a route may call directly (DynamoDB API reference: PutItem, GetItem, Query). */
export const DYNAMODB_ACTIONS = ["GetItem", "PutItem", "Query"] as const;
export type DynamoDbAction = (typeof DYNAMODB_ACTIONS)[number];

/** A route calling one DynamoDB action on one table, through API Gateway alone (no Lambda). */
export interface DynamoDbIntegration {
  readonly type: "dynamodb";
  readonly table: string;
  readonly action: DynamoDbAction;
  /** The secondary index a Query reads, or undefined for the table itself. */
  readonly index: string | undefined;
  readonly requestTemplate: string;
  readonly responseTemplate: string | undefined;
}

/** The templates of the actions that have them. */
export const DYNAMODB_DEFAULTS = { GetItem: { requestTemplate: "dynamodb-get-item.vtl", responseTemplate: "dynamodb-item-response.vtl" } } as const;

export const dynamoDbSchema = z.strictObject({
  type: z.literal("dynamodb"),
  /** A key of gateway.tables the route calls the action on. */
  table: z.string(),
  /** The DynamoDB action API Gateway calls (`arn:aws:apigateway:<region>:dynamodb:action/<action>`). */
  action: z.enum(DYNAMODB_ACTIONS),
  /** For Query: a secondary index of the table (tables.<key>.indexes) to read instead of the table. */
  index: z.string().optional(),
  /** A request mapping template in templates/ building the action's JSON request (it reads `$tableName` and `$partitionKey`). @default `dynamodb-get-item.vtl` for GetItem */
  requestTemplate: z.string().optional(),
  /** A response mapping template in templates/ for the action's answer. @default `dynamodb-item-response.vtl` for GetItem */
  responseTemplate: z.string().optional(),
});

type Input = z.output<typeof dynamoDbSchema>;
const defaultsOf = (i: Input) => (i.action === "GetItem" ? DYNAMODB_DEFAULTS.GetItem : undefined);

/** The request template: the route's, or its action's default (`check` refuses an action without one first). */
function requestTemplateOf(i: Input): string {
  const file = i.requestTemplate ?? defaultsOf(i)?.requestTemplate;
  if (file === undefined) throw new Error(`a ${i.action} route on table "${i.table}" has no request template`);
  return file;
}

export const dynamoDbConfig = integrationConfig({
  schema: dynamoDbSchema,
  resolve: (i): DynamoDbIntegration => ({
    type: "dynamodb",
    table: i.table,
    action: i.action,
    index: i.index,
    requestTemplate: requestTemplateOf(i),
    responseTemplate: i.responseTemplate ?? defaultsOf(i)?.responseTemplate,
  }),
  check: (i, { input, route, base, opts }) => {
    const tables = input.tables ?? {};
    const table = tables[i.table];
    if (!table) return [`${at(...base, "table")}: ${formatValue(i.table)} is not a table in gateway.tables (defined: ${list(Object.keys(tables))})`];
    const problems: string[] = [];
    const indexes = Object.keys(table.indexes ?? {});
    if (i.index !== undefined && i.action !== "Query")
      problems.push(`${at(...base, "index")}: only a Query reads an index (action is ${formatValue(i.action)})`);
    else if (i.index !== undefined && !indexes.includes(i.index)) {
      problems.push(`${at(...base, "index")}: ${formatValue(i.index)} is not an index of table ${formatValue(i.table)} (indexes: ${list(indexes)})`);
    }
    if (i.requestTemplate === undefined && !defaultsOf(i)) {
      problems.push(`${at(...base, "requestTemplate")}: is required for action ${formatValue(i.action)} (only GetItem has default templates)`);
    }
    const partitionKey = table.partitionKey ?? RESOURCE_DEFAULTS.table.partitionKey;
    if (i.action === "GetItem" && i.requestTemplate === undefined && !pathParameterNames(route.path).includes(partitionKey)) {
      problems.push(
        `${at(...base)}: the default GetItem template reads the key from the path parameter {${partitionKey}} (the partition key of table ${formatValue(i.table)}), which ${formatValue(route.path)} has not`,
      );
    }
    return [
      ...problems,
      ...checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts),
      ...checkResponseTemplate(i.responseTemplate, [...base, "responseTemplate"], opts),
    ];
  },
  untemplatedResponses: (i) => (i.responseTemplate === undefined && !defaultsOf(i) ? [["integration", "responseTemplate"]] : []),
});
