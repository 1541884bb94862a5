import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { connectDynamoDbLocal, prepareDynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local";
import { classDataArchive } from "../../local/dynamodb-local-launch";
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

test("the JVM's class-data archive is written once and never stops a start: one truncated (the JVM would crash on it) is set aside and the start made again, one the JVM refuses is removed", async () => {
  await prepareDynamoDbLocal();
  const archive = classDataArchive();
  expect(archive).toMatch(/[/\\][0-9a-f]{32}\.\d+\.jsa$/);
  if (!archive) return;
  const key = path.basename(archive).split(".")[0];
  const jar = path.join(path.dirname(archive), `${key}.jar`);
  const bytes = fs.readFileSync(archive);
  const broken = (name: string, contents: Buffer): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "class-data-"));
    // The jar as the archive was made with it (the JVM checks its size and time before it maps the archive's classes).
    fs.copyFileSync(jar, path.join(dir, `${key}.jar`));
    fs.utimesSync(path.join(dir, `${key}.jar`), fs.statSync(jar).atime, fs.statSync(jar).mtime);
    fs.writeFileSync(path.join(dir, name), contents);
    return dir;
  };
  const truncated = broken(`${key}.1000000.jsa`, bytes.subarray(0, 1_000_000));
  const corrupted = Buffer.from(bytes);
  corrupted.fill(0x58, 9_000_000, 9_000_032);
  const refused = broken(path.basename(archive), corrupted);
  try {
    // One after the other: two JVMs starting without an archive on a busy machine can take long.
    for (const dir of [truncated, refused]) {
      const db = await startDynamoDbLocal(undefined, { classDataDir: dir });
      try {
        expect([(await db.client.send(new ListTablesCommand({}))).TableNames, fs.readdirSync(dir).filter((name) => name.endsWith(".jsa"))]).toEqual([[], []]);
      } finally {
        await db.stop();
      }
    }
  } finally {
    for (const dir of [truncated, refused]) fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
