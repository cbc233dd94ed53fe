import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../bench/apps.js";

/**
 * A PostgreSQL server this test starts itself in a temp folder (`initdb` + `pg_ctl`), so it may
 * stop and start it. PostgreSQL refuses to run as root: as root it runs as the `postgres` user.
 */
export class OwnPostgres {
  #port = 0;
  readonly #dir: string;

  private constructor(private readonly asUser: string | undefined) {
    this.#dir = mkdtempSync(path.join(tmpdir(), "shipshape-pg-"));
    if (asUser) {
      const uid = Number(execFileSync("id", ["-u", asUser]).toString());
      const gid = Number(execFileSync("id", ["-g", asUser]).toString());
      chownSync(this.#dir, uid, gid);
    }
  }

  /** Why this machine cannot run one, or undefined when it can. */
  static unavailable(): string | undefined {
    if (!binDir()) return "initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin, so the test cannot run a PostgreSQL server of its own to restart";
    if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root without a postgres user to run the server as";
    return undefined;
  }

  static async create(): Promise<OwnPostgres> {
    const server = new OwnPostgres(process.getuid?.() === 0 ? "postgres" : undefined);
    server.#port = await freePort();
    server.#run("initdb", ["-D", server.#data, "-A", "trust", "-U", "postgres", "--no-sync"]);
    await server.start();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.#port}/postgres`;
  }

  get #data(): string {
    return path.join(this.#dir, "data");
  }

  async start(): Promise<void> {
    const options = `-p ${this.#port} -k ${this.#dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.#run("pg_ctl", ["-D", this.#data, "-o", options, "-l", path.join(this.#dir, "log"), "-w", "start"]);
  }

  async stop(): Promise<void> {
    this.#run("pg_ctl", ["-D", this.#data, "-m", "fast", "-w", "stop"]);
  }

  async destroy(): Promise<void> {
    spawnSync("sh", ["-c", this.#command("pg_ctl", ["-D", this.#data, "-m", "immediate", "stop"])], { stdio: "ignore" });
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #run(program: string, args: string[]): void {
    const result = spawnSync("sh", ["-c", this.#command(program, args)], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  }

  #command(program: string, args: string[]): string {
    const line = [path.join(binDir() ?? "", program), ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ");
    return this.asUser ? `su ${this.asUser} -s /bin/sh -c ${`'${line.replace(/'/g, "'\\''")}'`}` : line;
  }
}

/** Where `initdb` and `pg_ctl` are: on PATH, else Debian's versioned folder (newest first). */
function binDir(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim()) return path.dirname(found.stdout.trim());
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => path.join(root, version, "bin")).find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}
