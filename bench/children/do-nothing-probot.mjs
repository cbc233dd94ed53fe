// The baseline of the accepted-deliveries figure, in a process of its own: a Probot 14 app that
// does nothing with what it receives, served by Probot's own `run()` (as `probot run` would).
import { run } from "probot";

await run((app) => {
  app.onAny(async () => undefined);
});
