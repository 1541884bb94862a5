import { validateHeaderName, validateHeaderValue, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * What the twin's three servers share: listening with a clear error, closing, reading bodies within a
 * limit while they stream, and writing an answer that can never take the process down.
 */

/** A port another process holds: one line naming the port and how to choose others. */
export class PortInUse extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(
      `port ${port} (${what}) is already in use; stop what listens there or start the twin on other ports with --port <port> (the REST API takes it, the WebSocket and HTTP APIs the next two)`,
    );
    this.name = "PortInUse";
  }
}

function listenError(error: NodeJS.ErrnoException, port: number, what: string): Error {
  if (error.code === "EADDRINUSE") return new PortInUse(port, what);
  if (error.code === "EACCES") return new Error(`port ${port} (${what}) needs privileges this user lacks; choose another with --port <port>`);
  return new Error(`${what} could not listen on 127.0.0.1:${port}: ${error.message}`);
}

/**
 * Listens on 127.0.0.1 (`port` 0: one the OS picks) and resolves with the port. A listen error
 * rejects at once with a one-line message; later server errors are passed to `onError`.
 */
export function listen(server: Server, port: number, what: string, onError: (error: Error) => void = () => undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, port, what));
    server.once("error", failed);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", failed);
      server.on("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Checks, before any slow start-up work, that each port is free (the first busy one rejects). */
export async function assertPortsFree(ports: readonly { readonly port: number; readonly what: string }[]): Promise<void> {
  for (const { port, what } of ports) {
    if (port === 0) continue;
    const probe = createNetServer();
    await new Promise<void>((resolve, reject) => {
      probe.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port, what)));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  }
}

/** Stops listening and drops keep-alive connections (SDK clients would otherwise hold the server open). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** An answer to write: headers by name, a repeated header as a list (one line each). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer | string;
}

/**
 * Why Node (or HTTP) cannot send this answer: a status outside 100-599, a header name that is not a
 * token (a space), a value with CR, LF or NUL. Undefined when it can be sent.
 */
export function unsendable(reply: Reply): string | undefined {
  if (!Number.isInteger(reply.status) || reply.status < 100 || reply.status > 599) return `status ${JSON.stringify(reply.status)} is not an HTTP status`;
  const headers = reply.headers;
  for (const name of Object.keys(headers)) {
    try {
      validateHeaderName(name);
    } catch {
      return `header name ${JSON.stringify(name)} is not a valid HTTP token`;
    }
    const value = headers[name] as string | readonly string[];
    // A single value is checked without a list made for it (this runs for every header of every answer).
    if (typeof value === "string") {
      if (!validValue(name, value)) return invalidValueReason(name, value);
    } else for (const one of value) if (!validValue(name, one)) return invalidValueReason(name, one);
  }
  return undefined;
}

const invalidValueReason = (name: string, value: string): string =>
  `header ${JSON.stringify(name)} has a value with a character HTTP forbids (CR, LF or NUL): ${JSON.stringify(value)}`;

function validValue(name: string, value: string): boolean {
  try {
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/** Statuses whose answers carry no body, hence no Content-Length (RFC 9110 8.6). */
const NO_BODY = (status: number): boolean => status < 200 || status === 204 || status === 304;

/** A header name is Content-Length or Transfer-Encoding, in any case (the length test first: most names are neither). */
const namesFraming = (name: string): boolean =>
  (name.length === 14 && name.toLowerCase() === "content-length") || (name.length === 17 && name.toLowerCase() === "transfer-encoding");

/**
 * The headers to send, as the flat name/value list `writeHead` takes (no object is built per answer):
 * the answer's, then `extra` over the same names, then its Content-Length as API Gateway sends it unless
 * it names its own length or framing (the body then goes out with the headers in one write, not chunked).
 */
function headersToSend(reply: Reply, extra: Readonly<Record<string, string>> | undefined): Array<string | readonly string[]> {
  const list: Array<string | readonly string[]> = [];
  let framed = NO_BODY(reply.status);
  for (const name in reply.headers) {
    if (extra !== undefined && Object.prototype.hasOwnProperty.call(extra, name)) continue;
    list.push(name, reply.headers[name] as string | readonly string[]);
    if (!framed && namesFraming(name)) framed = true;
  }
  if (extra !== undefined) for (const name in extra) list.push(name, extra[name] as string);
  if (!framed) list.push("content-length", String(typeof reply.body === "string" ? Buffer.byteLength(reply.body) : reply.body.length));
  return list;
}

/**
 * Writes an answer, with `extra` headers set over its own (the twin's, e.g. a request id: safe to send;
 * told whether the answer was replaced by the fallback).
 * One that cannot be sent is replaced by `fallback(reason)` (a 502, logged by the caller): nothing a
 * handler returns can end the twin. Returns what was sent.
 */
export function sendReply(
  res: ServerResponse,
  reply: Reply,
  fallback: (reason: string) => Reply,
  extra?: (replaced: boolean) => Readonly<Record<string, string>>,
): Reply {
  const reason = unsendable(reply);
  const sent = reason === undefined ? reply : fallback(reason);
  if (res.headersSent || res.destroyed) return sent;
  try {
    res.writeHead(sent.status, headersToSend(sent, extra?.(reason !== undefined)) as string[]);
    res.end(sent.body);
  } catch (error) {
    // Unreachable after the checks above; a socket that broke under us is no reason to stop serving.
    res.destroy(error as Error);
  }
  return sent;
}

/** The front door's answer to a body over the API's limit (recorded from AWS for a REST API: 413, this exact text). */
export function tooLargeReply(limit: number): Reply {
  return { status: 413, headers: { "content-type": "text; charset=utf-8" }, body: `HTTP content length exceeded ${limit} bytes.` };
}

export type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: "too-large" | "aborted" };

const NO_BODY_READ: Promise<BodyRead> = Promise.resolve({ ok: true, body: Buffer.alloc(0) });

/**
 * The request body, read while it streams and given up as soon as it passes `limit` bytes (a
 * Content-Length over the limit is refused before any byte is read): the twin never buffers more.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const length = req.headers["content-length"];
  // A request with neither a length nor chunks has no body (RFC 9112 6.3): nothing to wait for (Node discards the empty stream).
  if (req.headers["transfer-encoding"] === undefined && (length === undefined || length === "0")) return NO_BODY_READ;
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        done({ ok: false, reason: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    const onError = () => done({ ok: false, reason: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** How long a client that keeps sending a refused body may go on (its bytes are discarded) before its connection is dropped. */
const REFUSED_BODY_GRACE_MS = 2_000;

/**
 * Sends the 413 for a body over the limit. Nothing more of the body is kept: Node discards the rest
 * as it arrives, and a client still sending after the grace period loses its connection.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): Reply {
  const reply = tooLargeReply(limit);
  res.writeHead(reply.status, reply.headers as Record<string, string>);
  res.end(reply.body, () => {
    const socket = res.socket ?? req.socket;
    setTimeout(() => {
      if (!req.complete) socket.destroy();
    }, REFUSED_BODY_GRACE_MS).unref();
  });
  return reply;
}

/**
 * One access-log line: each field's `$context.…` variable resolved in `context` (a nested object, or
 * flat keys named by the whole variable), `-` where it has no value, as API Gateway writes them.
 * `answer` holds the keys known once the answer is sent (`status`, `responseLatency`, `error`, ...):
 * a variable whose first key it has is resolved there, over `context` (neither is copied).
 */
export function accessLogLine(
  fields: Readonly<Record<string, string>>,
  context: Readonly<Record<string, unknown>>,
  answer?: Readonly<Record<string, unknown>>,
): string {
  // The JSON text is written field by field (each field's `"name":` made once per format): the same
  // text as JSON.stringify of an object of the fields, without building that object on every request.
  const compiled = logFieldsOf(fields);
  let line = "{";
  for (const field of compiled) {
    const { variable, keys } = field;
    // The first field goes without its comma: the line is built once, never cut afterwards.
    const first = line.length === 1;
    if (keys === undefined) {
      line += first ? field.literal.slice(1) : field.literal;
      continue;
    }
    let value: unknown;
    if (variable in context) value = context[variable];
    else {
      value = answer !== undefined && (keys[0] as string) in answer ? answer : context;
      for (const key of keys) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    line += first ? field.firstPrefix : field.prefix;
    line += value === undefined || value === null || value === "" ? '"-"' : jsonString(String(value));
  }
  return `${line}}`;
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters and lone surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(text), without its call for text that needs no escape (most values of a log line). */
const jsonString = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

interface LogField {
  /** `,"<field>":`, as JSON writes the field's name. */
  readonly prefix: string;
  /** `"<field>":`, for the line's first field. */
  readonly firstPrefix: string;
  readonly variable: string;
  /** The variable's path under `$context`; undefined for a literal value. */
  readonly keys: readonly string[] | undefined;
  /** A literal field's whole `,"<field>":"<value>"`. */
  readonly literal: string;
}

const compiledLogFields = new WeakMap<object, readonly LogField[]>();

/** A log format's fields with their `$context` paths split once (formats are constants), not on every request. */
function logFieldsOf(fields: Readonly<Record<string, string>>): readonly LogField[] {
  let compiled = compiledLogFields.get(fields);
  if (compiled === undefined) {
    // Object.entries lists the fields in the order JSON.stringify writes an object's keys (array indexes first).
    // `__proto__` is no key of an object assigned to: JSON.stringify of such an object leaves it out.
    compiled = Object.entries(fields)
      .filter(([field]) => field !== "__proto__")
      .map(([field, variable]) => {
        const prefix = `,${JSON.stringify(field)}:`;
        const keys = variable.startsWith("$context.") ? variable.slice("$context.".length).split(".") : undefined;
        return { prefix, firstPrefix: prefix.slice(1), variable, keys, literal: `${prefix}${JSON.stringify(variable)}` };
      });
    compiledLogFields.set(fields, compiled);
  }
  return compiled;
}
