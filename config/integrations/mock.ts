import { z } from "zod";
import { checkResponseTemplate, integrationConfig } from "./shared";

export interface MockIntegration {
  readonly type: "mock";
  readonly statusCode: number;
  readonly template: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export const MOCK_DEFAULTS = { statusCode: 200 } as const;

export const mockSchema = z.strictObject({
  /** What the route's request goes to. */
  type: z.literal("mock"),
  /** The status the mock answers. @default 200 */
  statusCode: z.int().min(100).max(599).optional(),
  /** A response mapping template in templates/. */
  template: z.string().optional(),
  /** Response header → mapping expression (a quoted static value). */
  headers: z.record(z.string(), z.string()).optional(),
});

export const mockConfig = integrationConfig({
  schema: mockSchema,
  resolve: (i): MockIntegration => ({ type: "mock", statusCode: i.statusCode ?? MOCK_DEFAULTS.statusCode, template: i.template, headers: i.headers ?? {} }),
  check: (i, { base, opts }) => checkResponseTemplate(i.template, [...base, "template"], opts),
  untemplatedResponses: () => [],
});
