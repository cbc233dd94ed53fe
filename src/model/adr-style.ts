/**
 * The layouts of ADR the template can follow when the directory has no template file:
 * - `madr`: MADR 3/4, status in YAML front matter, "Context and Problem Statement", "Decision Outcome";
 * - `adr-tools`: Nygard's sections with a numbered title (`# 12. Use PostgreSQL`) and a `Date:` line, as adr-tools writes;
 * - `adr-heading`: Nygard's sections under `# ADR 071: Title` (cosmos-sdk);
 * - `metadata-table`: a `| Metadata | Value |` table of date, author, status and tags under the title (NATS);
 * - `nygard`: the sections with a plain title (also the default for an empty directory).
 */
export type AdrStyle = "madr" | "adr-tools" | "adr-heading" | "metadata-table" | "nygard";
