/**
 * The layouts of ADR the template can follow:
 * - `madr`: MADR 3/4, status in YAML front matter, "Context and Problem Statement", "Decision Outcome";
 * - `adr-tools`: Nygard's sections with a numbered title (`# 12. Use PostgreSQL`), as adr-tools writes;
 * - `nygard`: the same sections with a plain title (also the default for an empty directory).
 */
export type AdrStyle = "madr" | "adr-tools" | "nygard";
