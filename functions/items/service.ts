import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { HttpError } from "../shared/http";
import type { ItemKey } from "./cursor";
import { OPTIONAL_FIELDS, type Item, type ItemFields, type ItemPatch, type OptionalField } from "./model";

export interface ItemsDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  now: () => Date;
  newId: () => string;
}

export interface ItemPage {
  items: Item[];
  /** DynamoDB's LastEvaluatedKey; present whenever the scan stopped early, even on a short page. */
  lastKey: Record<string, unknown> | undefined;
}

export async function createItem(deps: ItemsDeps, fields: ItemFields): Promise<Item> {
  const now = deps.now().toISOString();
  const item: Item = { id: deps.newId(), ...fields, version: 1, createdAt: now, updatedAt: now };
  // A collision of generated ids is a server fault: the condition turns it into a 500, never an overwrite.
  await deps.db.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: item,
      ConditionExpression: "attribute_not_exists(#id)",
      ExpressionAttributeNames: { "#id": "id" },
    }),
  );
  return toItem(item);
}

export async function getItem(deps: ItemsDeps, id: string): Promise<Item> {
  const result = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: { id }, ConsistentRead: true }));
  if (result.Item === undefined) throw notFound(id);
  return toItem(result.Item);
}

export async function listItems(deps: ItemsDeps, limit: number, startKey: ItemKey | undefined): Promise<ItemPage> {
  const result = await deps.db.send(new ScanCommand({ TableName: deps.tableName, Limit: limit, ExclusiveStartKey: startKey }));
  return { items: (result.Items ?? []).map(toItem), lastKey: result.LastEvaluatedKey };
}

/** PUT: sets every given field and removes every optional field the body left out. */
export function replaceItem(deps: ItemsDeps, id: string, expectedVersion: number, fields: ItemFields): Promise<Item> {
  const remove = OPTIONAL_FIELDS.filter((field) => fields[field] === undefined);
  return writeChanges(deps, id, expectedVersion, { set: fields, remove });
}

export function updateItem(deps: ItemsDeps, id: string, expectedVersion: number, patch: ItemPatch): Promise<Item> {
  return writeChanges(deps, id, expectedVersion, patch);
}

export async function deleteItem(deps: ItemsDeps, id: string, expectedVersion: number | undefined): Promise<void> {
  const versioned = expectedVersion !== undefined;
  try {
    await deps.db.send(
      new DeleteCommand({
        TableName: deps.tableName,
        Key: { id },
        ConditionExpression: versioned ? "attribute_exists(#id) AND #version = :expected" : "attribute_exists(#id)",
        ExpressionAttributeNames: versioned ? { "#id": "id", "#version": "version" } : { "#id": "id" },
        ExpressionAttributeValues: versioned ? { ":expected": expectedVersion } : undefined,
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
  } catch (error) {
    throw conditionFailure(error, id, expectedVersion);
  }
}

/**
 * One conditional UpdateItem: the write happens only if the item exists at `expectedVersion`, and
 * bumps the version by exactly one. `createdAt` is never touched.
 */
async function writeChanges(deps: ItemsDeps, id: string, expectedVersion: number, patch: ItemPatch): Promise<Item> {
  const names: Record<string, string> = { "#id": "id", "#version": "version", "#updatedAt": "updatedAt" };
  const values: Record<string, unknown> = {
    ":expected": expectedVersion,
    ":next": expectedVersion + 1,
    ":updatedAt": deps.now().toISOString(),
  };
  const sets = ["#version = :next", "#updatedAt = :updatedAt"];
  for (const [field, value] of Object.entries(patch.set)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  const removes = patch.remove.map((field: OptionalField) => {
    names[`#${field}`] = field;
    return `#${field}`;
  });

  try {
    const result = await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { id },
        UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
        ConditionExpression: "attribute_exists(#id) AND #version = :expected",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    if (result.Attributes === undefined) throw new Error("UpdateItem returned no attributes");
    return toItem(result.Attributes);
  } catch (error) {
    throw conditionFailure(error, id, expectedVersion);
  }
}

/** Maps a failed condition to 404 (no item) or 412 (other version); any other error passes through. */
function conditionFailure(error: unknown, id: string, expectedVersion: number | undefined): unknown {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  const current = error.Item?.version?.N;
  if (current === undefined) return notFound(id);
  return new HttpError(412, "version_mismatch", `item ${id} is at version ${current}, not ${expectedVersion}`);
}

function notFound(id: string): HttpError {
  return new HttpError(404, "not_found", `item ${id} not found`);
}

/** Copies the known attributes in a fixed order, so stray attributes never reach a client. */
function toItem(record: Record<string, unknown>): Item {
  const optional = (field: OptionalField) => (record[field] === undefined ? {} : { [field]: record[field] });
  return {
    id: record.id as string,
    name: record.name as string,
    ...(optional("description") as { description?: string }),
    ...(optional("price") as { price?: number }),
    ...(optional("tags") as { tags?: string[] }),
    version: record.version as number,
    createdAt: record.createdAt as string,
    updatedAt: record.updatedAt as string,
  };
}
