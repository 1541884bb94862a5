/**
 * The code every generated client ends with: its options and answer types, and the one function that
 * turns an operation's input into a fetch call. Emitted as text (a generated client stands alone);
 * type-checked where a generated client is (sdk/clients/).
 */
export const CLIENT_TYPES = `export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export interface ClientOptions {
  /** The stage's URL: its invoke URL (https://{api-id}.execute-api.{region}.amazonaws.com/{stage}), a custom domain's base path, or the twin's. */
  readonly baseUrl: string;
  /** Headers every request sends (an x-api-key, an Authorization header). */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Headers this request sends, beside the client's (e.g. If-Match). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A 2xx answer with the body type the document declares, or any other answer with its body as it came. */
export type ApiResponse<T> =
  | { readonly ok: true; readonly status: number; readonly headers: Headers; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly headers: Headers; readonly body: unknown };
`;

export const CLIENT_RUNTIME = `type Scalar = string | number | boolean;

interface OperationInput {
  readonly method?: HttpMethod;
  readonly path?: Readonly<Record<string, Scalar>>;
  readonly query?: Readonly<Record<string, Scalar | undefined>>;
  readonly headers?: Readonly<Record<string, Scalar | undefined>>;
  readonly body?: unknown;
}

/** Sends one operation: its path filled in (a greedy {name+} keeps its slashes), query, headers and a JSON body. */
function sender(options: ClientOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl.replace(/\\/+$/, "");
  return async <T>(method: string, template: string, mediaType: string | undefined, input: OperationInput, init?: RequestOptions): Promise<ApiResponse<T>> => {
    const path = template.replace(/\\{([^}+]+)(\\+?)\\}/g, (_match, name: string, greedy: string) => {
      const value = String(input.path?.[name] ?? "");
      return greedy ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
    });
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(input.query ?? {})) if (value !== undefined) query.append(name, String(value));
    const headers: Record<string, string> = { ...options.headers, ...init?.headers };
    for (const [name, value] of Object.entries(input.headers ?? {})) if (value !== undefined) headers[name] = String(value);
    let body: string | undefined;
    if (input.body !== undefined) {
      const type = mediaType ?? "application/json";
      body = /json/i.test(type) ? JSON.stringify(input.body) : String(input.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = type;
    }
    const search = query.toString();
    const response = await fetchImpl(\`\${base}\${path}\${search ? \`?\${search}\` : ""}\`, { method: input.method ?? method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text === "" ? undefined : text;
    if (text !== "" && /json/i.test(response.headers.get("content-type") ?? "")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { ok: response.ok, status: response.status, headers: response.headers, body: parsed } as ApiResponse<T>;
  };
}
`;
