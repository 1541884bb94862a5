/**
 * Errors raised while parsing or rendering a template. Each names the template and the line, so a
 * failing test or a twin's log says where to look.
 */

export type VtlErrorKind = "syntax" | "render";

export class VtlError extends Error {
  readonly kind: VtlErrorKind;
  readonly templateName: string;
  /** 1-based line of the template, when known. */
  readonly line: number | undefined;
  /** The message without the template and position prefix. */
  readonly detail: string;

  constructor(kind: VtlErrorKind, templateName: string, detail: string, line?: number) {
    const where = line === undefined ? "" : ` at line ${line}`;
    const what = kind === "syntax" ? "VTL syntax error" : "VTL render error";
    super(`${what} in template "${templateName}"${where}: ${detail}`);
    this.name = "VtlError";
    this.kind = kind;
    this.templateName = templateName;
    this.line = line;
    this.detail = detail;
  }
}

/**
 * An error thrown by an emulated Java method or `$util`/`$input` function while rendering. The engine
 * attaches the line of the reference that called it and turns it into a `VtlError`.
 */
export class TemplateRuntimeError extends Error {
  line: number | undefined;

  constructor(message: string) {
    super(message);
    this.name = "TemplateRuntimeError";
    this.line = undefined;
  }
}
