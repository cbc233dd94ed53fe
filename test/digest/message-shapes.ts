import { z } from "zod";

// The documented shapes of what Shipshape posts, as strict schemas: an unknown field or a
// length over Slack's or Teams' limits fails the test.

// Slack Block Kit (docs.slack.dev/reference/block-kit): text objects, header, section, divider, context.
const plainText = (max: number) => z.strictObject({ type: z.literal("plain_text"), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwn = (max: number) => z.strictObject({ type: z.literal("mrkdwn"), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const textObject = (max: number) => z.union([plainText(max), mrkdwn(max)]);
const block = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), text: plainText(150), block_id: z.string().optional() }),
  z
    .strictObject({ type: z.literal("section"), text: textObject(3000).optional(), fields: z.array(textObject(2000)).min(1).max(10).optional(), block_id: z.string().optional() })
    .refine((s) => s.text !== undefined || s.fields !== undefined, "a section needs text or fields"),
  z.strictObject({ type: z.literal("divider"), block_id: z.string().optional() }),
  z.strictObject({ type: z.literal("context"), elements: z.array(textObject(3000)).min(1).max(10), block_id: z.string().optional() }),
]);
export const slackMessage = z.strictObject({ text: z.string().min(1).max(40_000), blocks: z.array(block).min(1).max(50) });

// Adaptive Cards (adaptivecards.io/explorer) as Teams incoming webhooks take them: version <= 1.5.
const textBlock = z.strictObject({
  type: z.literal("TextBlock"),
  text: z.string().min(1),
  wrap: z.boolean().optional(),
  size: z.enum(["Small", "Default", "Medium", "Large", "ExtraLarge"]).optional(),
  weight: z.enum(["Lighter", "Default", "Bolder"]).optional(),
  isSubtle: z.boolean().optional(),
  spacing: z.enum(["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"]).optional(),
});
const factSet = z.strictObject({ type: z.literal("FactSet"), facts: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })).min(1) });
const adaptiveCard = z.strictObject({
  $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json"),
  type: z.literal("AdaptiveCard"),
  version: z.enum(["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]),
  msteams: z.strictObject({ width: z.literal("Full") }).optional(),
  body: z.array(z.discriminatedUnion("type", [textBlock, factSet])).min(1),
});
export const teamsMessage = z.strictObject({
  type: z.literal("message"),
  attachments: z
    .array(z.strictObject({ contentType: z.literal("application/vnd.microsoft.card.adaptive"), contentUrl: z.null(), content: adaptiveCard }))
    .length(1),
});
