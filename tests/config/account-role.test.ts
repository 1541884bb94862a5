import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountRoleProblems, claimOf, otherStackClaims, type AccountRoleClaim } from "../../config/account-role";
import { REPO_ROOT } from "../../config/paths";

// AWS, "Set up CloudWatch logging for REST APIs in API Gateway": the CloudWatch Logs role ARN is an
// account-level setting of API Gateway, per Region (aws.apigateway.Account manages exactly that one value).
const claim = (stack: string, extra: Partial<AccountRoleClaim> = {}): AccountRoleClaim => ({
  stack,
  source: `Pulumi.${stack}.yaml`,
  region: "us-east-1",
  accounts: ["111111111111"],
  managesRole: true,
  ...extra,
});

describe("one stack per account and region owns the API Gateway CloudWatch role", () => {
  test("two stacks claiming the same account and region: refused, naming the other stack", () => {
    expect(accountRoleProblems(claim("dev"), [claim("staging")])).toEqual([
      'gateway.apiGatewayAccount.manageCloudWatchRole: stack "staging" (Pulumi.staging.yaml) also manages the API Gateway CloudWatch role of account 111111111111 in us-east-1; ' +
        "it is one setting per account and region and the two stacks would overwrite each other's role: set manageCloudWatchRole: false in all but one",
    ]);
  });

  test("another account, another region, or a stack that does not manage it: no conflict", () => {
    const others = [claim("a", { accounts: ["222222222222"] }), claim("b", { region: "eu-west-1" }), claim("c", { managesRole: false })];
    expect(accountRoleProblems(claim("dev"), others)).toEqual([]);
    expect(accountRoleProblems(claim("dev", { managesRole: false }), [claim("x")])).toEqual([]);
  });

  test("a stack that manages the role must name its one account", () => {
    const message = (now: string) =>
      `gateway.apiGatewayAccount.manageCloudWatchRole: true needs the stack's one account in aws:allowedAccountIds (a list of one 12-digit id; now ${now}): ` +
      "the API Gateway CloudWatch role is one setting per account and region, so the stack that owns it must say which account that is " +
      "(pulumi config set --path 'aws:allowedAccountIds[0]' <account id>)";
    expect(accountRoleProblems(claim("dev", { accounts: undefined }), [])).toEqual([message("null")]);
    expect(accountRoleProblems(claim("dev", { accounts: ["111111111111", "222222222222"] }), [])).toEqual([message('["111111111111","222222222222"]')]);
    expect(accountRoleProblems(claim("dev", { accounts: ["1234"] }), [])).toEqual([message('["1234"]')]);
  });

  test("claims read from runtime config (JSON text) and from stack files (YAML values) alike", () => {
    const runtime = {
      "aws:region": "eu-west-1",
      "aws:allowedAccountIds": '["333333333333"]',
      "p:gateway": '{"apiGatewayAccount":{"manageCloudWatchRole":true}}',
    };
    expect(claimOf("p", "dev", "this stack", runtime)).toEqual({
      stack: "dev",
      source: "this stack",
      region: "eu-west-1",
      accounts: ["333333333333"],
      managesRole: true,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "account-role-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.staging.yaml"),
      "config:\n  aws:region: eu-west-1\n  aws:allowedAccountIds: ['333333333333']\n  gateway:\n    apiGatewayAccount: { manageCloudWatchRole: true }\n",
    );
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
    expect(otherStackClaims("p", "dev", dir)).toEqual([claim("staging", { region: "eu-west-1", accounts: ["333333333333"] })]);
    fs.rmSync(dir, { recursive: true });
  });

  test("the shipped stacks: each names one account, and no two claim the same account and region", () => {
    for (const stack of ["dev", "prod"]) {
      const [own] = otherStackClaims("microservice-gateway", "none", REPO_ROOT).filter((c) => c.stack === stack);
      expect([stack, own?.managesRole, accountRoleProblems(own!, otherStackClaims("microservice-gateway", stack, REPO_ROOT))]).toEqual([stack, true, []]);
    }
  });
});
