import type { Matcher } from "../../../model/ticket-references.js";

// The syntax Azure Boards' GitHub integration links: AB#123 in any case, standing alone.
const WORK_ITEM = /(?<![A-Za-z0-9_])AB#([1-9][0-9]{0,9})(?![0-9A-Za-z])/gi;

/** Azure Boards work items (`AB#123`, `ab#123`), shown as `AB#123`. */
export const azureBoardsMatcher: Matcher = (text) =>
  [...text.matchAll(WORK_ITEM)].map((m) => ({ provider: "azure-boards", id: `AB#${m[1] ?? ""}` }));
