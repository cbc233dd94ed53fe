import type { Config } from "../../config/schema.js";

/**
 * The `tickets` section of the config, as the ticket check reads it. In its own file so the rule
 * and the texts it renders both import it without importing each other.
 */
export type TicketConfig = Config["tickets"];
