import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { connectDynamoDbLocal, prepareDynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local";
import { classDataArchive, refusedArchive } from "../../local/dynamodb-local-launch";
import { createItemsTable, testDynamoDb, testTable } from "../helpers/dynamodb-local";

const ROOT = path.resolve(__dirname, "..", "..");

/** Starts DynamoDB Local in a child process and prints the JVM's process id and endpoint. */
const STARTER = `
const { startDynamoDbLocal } = require("./local/dynamodb-local");
startDynamoDbLocal().then((db) => process.stdout.write(JSON.stringify({ pid: db.pid, endpoint: db.endpoint }) + "\\n"));
`;

/** Whether a process is running (a zombie no one has reaped yet counts as gone). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Polls `condition` (`_what` names it for the reader); only the test's own timeout ends the wait. */
async function until(condition: () => boolean, _what: string): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

test("DynamoDB Local's JVM does not outlive the process that started it, even one killed with SIGKILL; a client that only connected leaves it running", async () => {
  const starter = spawn(process.execPath, ["-r", "./scripts/register-typescript.cjs", "-e", STARTER], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const { pid, endpoint } = await new Promise<{ pid: number; endpoint: string }>((resolve, reject) => {
    starter.stdout.setEncoding("utf8").once("data", (line: string) => resolve(JSON.parse(line) as { pid: number; endpoint: string }));
    starter.once("exit", (code) => reject(new Error(`the starter exited (${code}) before DynamoDB Local was ready`)));
  });
  await connectDynamoDbLocal(endpoint).stop();
  const probe = connectDynamoDbLocal(endpoint);
  expect((await probe.client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  await probe.stop();
  expect(running(pid)).toBe(true);
  starter.kill("SIGKILL");
  await until(() => !running(pid), `JVM ${pid} to end`);
});

test("a test file's tables on the run's shared server carry the file's prefix, and stop() drops them", async () => {
  expect(testTable("items")).toBe("local_2Fdynamodb-local.items");
  const db = await testDynamoDb();
  const probe = connectDynamoDbLocal(db.endpoint);
  const names = async () => ((await probe.client.send(new ListTablesCommand({}))).TableNames ?? []).filter((n) => n.startsWith("local_2Fdynamodb-local."));
  try {
    await createItemsTable(db.client, testTable("items"));
    expect(await names()).toEqual(["local_2Fdynamodb-local.items"]);
    await db.stop();
    expect(await names()).toEqual([]);
  } finally {
    await probe.stop();
  }
});

test("the JVM's class-data archive is written once and never stops a start: a JVM that crashes on one (here a truncated one, named as whole) is started again without it, and the archive is set aside", async () => {
  await prepareDynamoDbLocal();
  const archive = classDataArchive();
  expect(archive).toMatch(/[/\\][0-9a-f]{32}\.\d+\.jsa$/);
  if (!archive) return;
  const key = path.basename(archive).split(".")[0];
  const jar = path.join(path.dirname(archive), `${key}.jar`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "class-data-"));
  try {
    // The jar as the archive was made with it (the JVM checks its size and time before it maps the archive's classes).
    fs.copyFileSync(jar, path.join(dir, `${key}.jar`));
    fs.utimesSync(path.join(dir, `${key}.jar`), fs.statSync(jar).atime, fs.statSync(jar).mtime);
    fs.writeFileSync(path.join(dir, `${key}.1000000.jsa`), fs.readFileSync(archive).subarray(0, 1_000_000));
    const db = await startDynamoDbLocal(undefined, { classDataDir: dir });
    try {
      expect([(await db.client.send(new ListTablesCommand({}))).TableNames, fs.readdirSync(dir).filter((name) => name.endsWith(".jsa"))]).toEqual([[], []]);
    } finally {
      await db.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test("an archive that is not whole (its size is in its name) or not a HotSpot archive is removed before a JVM sees it; the JVM's warning that it could not map one is recognized", () => {
  const archive = classDataArchive();
  if (!archive) throw new Error(`no class-data archive: ${archive}`);
  const key = path.basename(archive).split(".")[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "class-data-"));
  try {
    fs.writeFileSync(path.join(dir, `${key}.32.jsa`), fs.readFileSync(archive).subarray(0, 16));
    expect([classDataArchive(dir), fs.readdirSync(dir)]).toEqual([null, []]);
    fs.writeFileSync(path.join(dir, `${key}.16.jsa`), Buffer.alloc(16, 0x58));
    expect([classDataArchive(dir), fs.readdirSync(dir)]).toEqual([null, []]);
    fs.writeFileSync(path.join(dir, `${key}.16.jsa`), fs.readFileSync(archive).subarray(0, 16));
    expect(classDataArchive(dir)).toBe(path.join(dir, `${key}.16.jsa`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // What JDK 17 prints when -XX:+VerifySharedSpaces finds an archive's bytes changed, and what DynamoDB Local prints when it starts.
  expect(refusedArchive("[0.041s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: /tmp/x.jsa\n")).toBe(true);
  expect(refusedArchive("Initializing DynamoDB Local with the following configuration:\nPort:\t8000\nInMemory:\ttrue\nSharedDb:\ttrue\n")).toBe(false);
});
