// A typed client of microservice-gateway-dev 1.0.0, generated from its OpenAPI document by
//   npm run client -- --stack dev --out sdk/clients/dev.ts
// Do not edit: regenerate it (a test fails when it no longer matches the document).

/** An item as a client sends it. Server-managed fields (id, version, createdAt, updatedAt) are rejected. */
export type ItemCreate = {
  /** 1 to 200 characters after trimming leading and trailing whitespace. */
  name: string;
  /** At most 2000 characters. */
  description?: string;
  /** A number >= 0. */
  price?: number;
  /** At most 20 distinct tags of 1 to 50 characters. */
  tags?: string[];
};

/** A JSON merge patch of an item: null removes an optional field; name cannot be removed. */
export type ItemPatch = {
  /** 1 to 200 characters after trimming leading and trailing whitespace. */
  name?: string;
  /** At most 2000 characters, or null to remove the field. */
  description?: unknown;
  /** A number >= 0, or null to remove the field. */
  price?: unknown;
  /** At most 20 distinct tags of 1 to 50 characters, or null to remove the field. */
  tags?: unknown;
};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

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

/** One function per operation of microservice-gateway-dev 1.0.0. */
export function createClient(options: ClientOptions) {
  const send = sender(options);
  return {
    /** POST /checkout: Start a checkout workflow (202 with the execution ARN) */
    postCheckout: (input: {
      body?: unknown;
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("POST", "/checkout", "application/json", input, init),
    /** GET /docs: The documentation's index page */
    getDocs: (init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/docs", undefined, {}, init),
    /** GET /docs/{key+}: A documentation file */
    getDocsKey: (input: {
      path: {
        key: string;
      };
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/docs/{key+}", undefined, input, init),
    /** GET /examples/items/{id}: An example item, answered by API Gateway itself (?mockStatus=404 for an error) */
    getExamplesItemsId: (input: {
      path: {
        id: string;
      };
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/examples/items/{id}", undefined, input, init),
    /** GET /hello: Which version answers this stage */
    getHello: (input: {
      headers?: {
        Origin?: string;
      };
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/hello", undefined, input, init),
    /** GET /items: List items, a page at a time */
    getItems: (input: {
      headers?: {
        Origin?: string;
      };
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/items", undefined, input, init),
    /** POST /items: Create an item */
    postItems: (input: {
      body: ItemCreate;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("POST", "/items", "application/json", input, init),
    /** GET /items/{id}: Get an item */
    getItemsId: (input: {
      path: {
        id: string;
      };
      headers?: {
        Origin?: string;
      };
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/items/{id}", undefined, input, init),
    /** PUT /items/{id}: Replace an item (If-Match) */
    putItemsId: (input: {
      path: {
        id: string;
      };
      body: ItemCreate;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("PUT", "/items/{id}", "application/json", input, init),
    /** DELETE /items/{id}: Delete an item */
    deleteItemsId: (input: {
      path: {
        id: string;
      };
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("DELETE", "/items/{id}", "application/json", input, init),
    /** PATCH /items/{id}: Update an item with a JSON merge patch (If-Match) */
    patchItemsId: (input: {
      path: {
        id: string;
      };
      body: ItemPatch;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("PATCH", "/items/{id}", "application/json", input, init),
    /** POST /legacy/quotes: A quote from the legacy SOAP service, in JSON */
    postLegacyQuotes: (input: {
      body?: unknown;
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("POST", "/legacy/quotes", "application/json", input, init),
    /** GET /me: The caller as the authorizer saw them */
    getMe: (input: {
      headers?: {
        Origin?: string;
      };
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/me", undefined, input, init),
    /** POST /orders: Queue an order for processing (202 with the message id) */
    postOrders: (input: {
      body?: unknown;
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("POST", "/orders", "application/json", input, init),
    /** POST /orders/preview: Check an order and see it as the order service would receive it */
    postOrdersPreview: (input: {
      body?: unknown;
    } = {}, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("POST", "/orders/preview", "application/json", input, init),
    /** ANY /partners/{proxy+}: Everything under /partners, passed through to the partner gateway */
    anyPartnersProxy: (input: {
      method: HttpMethod;
      path: {
        proxy: string;
      };
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/partners/{proxy+}", "application/json", input, init),
    /** GET /search: Search, with the query renamed for the search backend (q, p, size) */
    getSearch: (init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("GET", "/search", undefined, {}, init),
    /** ANY /service1: Service 1 (ECS Fargate) */
    anyService1: (input: {
      method: HttpMethod;
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/service1", "application/json", input, init),
    /** ANY /service1/{proxy+}: Everything under /service1 */
    anyService1Proxy: (input: {
      method: HttpMethod;
      path: {
        proxy: string;
      };
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/service1/{proxy+}", "application/json", input, init),
    /** ANY /service2: Service 2 (EC2 Auto Scaling) */
    anyService2: (input: {
      method: HttpMethod;
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/service2", "application/json", input, init),
    /** ANY /service2/{proxy+}: Everything under /service2 */
    anyService2Proxy: (input: {
      method: HttpMethod;
      path: {
        proxy: string;
      };
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/service2/{proxy+}", "application/json", input, init),
  };
}

export type Client = ReturnType<typeof createClient>;

type Scalar = string | number | boolean;

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
  const base = options.baseUrl.replace(/\/+$/, "");
  return async <T>(method: string, template: string, mediaType: string | undefined, input: OperationInput, init?: RequestOptions): Promise<ApiResponse<T>> => {
    const path = template.replace(/\{([^}+]+)(\+?)\}/g, (_match, name: string, greedy: string) => {
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
    const response = await fetchImpl(`${base}${path}${search ? `?${search}` : ""}`, { method: input.method ?? method, headers, ...(body === undefined ? {} : { body }) });
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
