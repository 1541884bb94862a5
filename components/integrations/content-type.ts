/** The Content-Type S3 serves an object with (and API Gateway passes through), by file extension. */
const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  yaml: "application/yaml",
  yml: "application/yaml",
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  ico: "image/x-icon",
  pdf: "application/pdf",
  woff2: "font/woff2",
};

export function contentType(file: string): string {
  const ext = file.includes(".") ? (file.split(".").pop() as string).toLowerCase() : "";
  return TYPES[ext] ?? "application/octet-stream";
}
