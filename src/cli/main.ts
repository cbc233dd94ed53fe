import { openStore, type Db } from "../store/db.js";
import { commands } from "./commands/index.js";
import type { CliContext, CliEnv } from "./context.js";

/** `shipshape <command> …`: dispatches to the subcommands in `commands/`. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    context.out(helpText());
    return name ? 0 : 1;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    context.err(`Unknown command "${name}". Run \`shipshape --help\` for the list.`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    context.out(command.usage);
    return 0;
  }
  return command.run(args, context);
}

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 8);
  return [
    "Usage: shipshape <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `shipshape <command> --help` for a command's options.",
  ].join("\n");
}

/** The context of a real run: stdout/stderr and the store named by the environment. */
export function processContext(env: CliEnv): CliContext & { closeDb(): Promise<void> } {
  let db: Promise<Db> | undefined;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env,
    interactive: Boolean(process.stdout.isTTY),
    db: () => (db ??= openStore(env.store)),
    closeDb: async () => {
      if (db) await (await db).close();
    },
  };
}
