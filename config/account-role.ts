import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The API Gateway account's CloudWatch role (`aws.apigateway.Account`) is one setting per account and
 * region: two stacks that both manage it overwrite each other's role, and destroying one leaves the
 * other's logging broken. So a stack that manages it names its account (`aws:allowedAccountIds`, which
 * the AWS provider also enforces on every deploy), and no two stacks of the project claim the same
 * account and region.
 */
export interface AccountRoleClaim {
  readonly stack: string;
  /** Where the claim was read, for messages: the stack file, or "this stack". */
  readonly source: string;
  readonly region: string | undefined;
  readonly accounts: readonly string[] | undefined;
  readonly managesRole: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
const FIELD = "gateway.apiGatewayAccount.manageCloudWatchRole";

/** A config value as the runtime holds it (objects as JSON text) or as a stack file does. */
function value(config: Readonly<Record<string, unknown>>, key: string): unknown {
  const raw = config[key];
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function claimOf(project: string, stack: string, source: string, config: Readonly<Record<string, unknown>>): AccountRoleClaim {
  const gateway = value(config, `${project}:gateway`) as { apiGatewayAccount?: { manageCloudWatchRole?: unknown } } | undefined;
  const region = value(config, "aws:region");
  const accounts = value(config, "aws:allowedAccountIds");
  return {
    stack,
    source,
    region: typeof region === "string" ? region : undefined,
    accounts: Array.isArray(accounts) ? accounts.map(String) : undefined,
    managesRole: gateway?.apiGatewayAccount?.manageCloudWatchRole === true,
  };
}

/** Every problem with this stack's claim, alone and against the project's other stacks. */
export function accountRoleProblems(own: AccountRoleClaim, others: readonly AccountRoleClaim[]): string[] {
  if (!own.managesRole) return [];
  if (own.accounts === undefined || own.accounts.length !== 1 || !ACCOUNT_ID.test(own.accounts[0] as string)) {
    return [
      `${FIELD}: true needs the stack's one account in aws:allowedAccountIds (a list of one 12-digit id; now ${JSON.stringify(own.accounts ?? null)}): ` +
        "the API Gateway CloudWatch role is one setting per account and region, so the stack that owns it must say which account that is " +
        "(pulumi config set --path 'aws:allowedAccountIds[0]' <account id>)",
    ];
  }
  const account = own.accounts[0] as string;
  const region = own.region ?? "the provider's default region";
  return others
    .filter((o) => o.stack !== own.stack && o.managesRole && o.accounts?.includes(account) && (o.region ?? "the provider's default region") === region)
    .map(
      (o) =>
        `${FIELD}: stack "${o.stack}" (${o.source}) also manages the API Gateway CloudWatch role of account ${account} in ${region}; ` +
        "it is one setting per account and region and the two stacks would overwrite each other's role: set manageCloudWatchRole: false in all but one",
    );
}

/** The claims of the other `Pulumi.<stack>.yaml` files beside the project's `Pulumi.yaml`. */
export function otherStackClaims(project: string, ownStack: string, root: string): AccountRoleClaim[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== ownStack)
    .flatMap((m) => {
      try {
        const doc = parse(fs.readFileSync(path.join(root, m[0]), "utf8")) as { config?: Record<string, unknown> } | null;
        const config = Object.fromEntries(Object.entries(doc?.config ?? {}).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
        return [claimOf(project, m[1] as string, m[0], config)];
      } catch {
        return []; // That stack's own run reports its unreadable file.
      }
    });
}
