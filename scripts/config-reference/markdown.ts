import type { ConfigExamples } from "./examples";
import type { ReferenceRow } from "./rows";
import { OTHER_SECTION_TITLE, SECTIONS, topLevelKey, type Section } from "./sections";

const intro = (examples: ConfigExamples): string => `# Configuration reference

<!-- Generated from the schema (config/gateway.ts, config/sections/ and config/integrations/) by \`npm run docs:config\`: edit the schema's comments, not this file. -->

A stack's whole configuration is one structured value, \`microservice-gateway:gateway\`, in
\`Pulumi.<stack>.yaml\` (see [Pulumi.dev.yaml](../Pulumi.dev.yaml) and [Pulumi.prod.yaml](../Pulumi.prod.yaml)).
The smallest valid one:

\`\`\`yaml
${examples.minimalYaml}
\`\`\`

The program checks it before it registers any resource. Every object is strict (an unknown key is an
error that lists the allowed ones). An invalid configuration fails with every problem at once, each
naming its key path, the bad value and what is allowed; the references between keys (a route's
function must be a key of \`functions\`) are checked once the shape is right. This one:

\`\`\`yaml
${examples.brokenYaml}
\`\`\`

fails with:

\`\`\`
${examples.brokenMessage}
\`\`\`

The tables list what the schema (\`config/gateway.ts\`, \`config/sections/\` and \`config/integrations/\`) accepts. The checks it cannot express (key names,
references between keys, AWS limits) and the warnings are described in the
[README](../README.md#configuration-reference).

- **key**: \`<name>\` and \`<key>\` stand for a key you choose (\`stages.<name>\` is \`stages.dev\`); \`[]\` for
  each item of a list.
- **allowed values**: what the schema accepts; \`a | b\` is one of them.
- **default**: what applies when the key is left out. A \`required\` key must be given whenever its parent
  object is; \`none\` means unset.
- **description**: the schema's comment; "For type …" marks keys only some kinds of an object have.
`;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");

/** A table cell: one line, pipes escaped (also inside code spans, as GitHub tables require). */
const cell = (text: string): string => text.replace(/\s+/g, " ").replace(/\|/g, "\\|");

function table(rows: readonly ReferenceRow[]): string {
  const lines = rows.map((r) => `| \`${cell(r.path)}\` | ${cell(r.allowed)} | ${cell(r.default)} | ${cell(r.description)} |`);
  return ["| key | allowed values | default | description |", "|---|---|---|---|", ...lines].join("\n");
}

/** The rows of each section, its keys in the section's order; keys no section names go to "Other keys". */
export function sectionRows(rows: readonly ReferenceRow[], sections: readonly Section[] = SECTIONS): [string, ReferenceRow[]][] {
  const named = new Set(sections.flatMap((s) => s.keys));
  const grouped: [string, ReferenceRow[]][] = sections.map((s) => [s.title, s.keys.flatMap((key) => rows.filter((r) => topLevelKey(r.path) === key))]);
  grouped.push([OTHER_SECTION_TITLE, rows.filter((r) => !named.has(topLevelKey(r.path)))]);
  return grouped.filter(([, list]) => list.length > 0);
}

/** The whole reference: the introduction, a list of the sections, and a table per section. */
export function renderReference(rows: readonly ReferenceRow[], examples: ConfigExamples): string {
  const sections = sectionRows(rows);
  const contents = sections.map(([title]) => `- [${title}](#${anchor(title)})`).join("\n");
  const tables = sections.map(([title, list]) => `## ${title}\n\n${table(list)}\n`).join("\n");
  return `${intro(examples)}\nThe tables, by part of the stack:\n\n${contents}\n\n${tables}`;
}
