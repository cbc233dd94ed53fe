/**
 * Starts the built container image as an operator would and checks it serves: `/healthz`,
 * `/readyz`, one signed pull-request delivery that ends in check runs on a loopback fake GitHub,
 * and that the process runs as a non-root user. `.ci/image-check` builds the image, then runs
 * this with `npx tsx scripts/image-check.ts IMAGE`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { BENCH_SECRET, appEnv, freePort } from "../bench/apps.js";
import { DeliveryFactory } from "../bench/deliveries.js";
import { Prng } from "../bench/prng.js";
import { sendDelivery } from "../bench/send.js";
import { FakeGitHubServer } from "../test/helpers/fake-github-server.js";

const image = process.argv[2];
if (!image) {
  console.error("usage: image-check IMAGE");
  process.exit(2);
}
const STORAGE = ["--storage-driver", "vfs"];

function buildah(args: string[]): string {
  const result = spawnSync("buildah", [...STORAGE, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`buildah ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`image check: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function check(ok: boolean, line: string): void {
  if (!ok) throw new Error(`image check: ${line}`);
  console.log(`image check: ok: ${line}`);
}

const github = await new FakeGitHubServer().start();
const container = buildah(["from", "--quiet", image]);
let app: ChildProcess | undefined;
let output = "";
try {
  const inspected = JSON.parse(buildah(["inspect", "--type", "image", image])) as {
    OCIv1: { config: { User?: string; Cmd?: string[] } };
    Docker?: { config?: { Healthcheck?: { Test?: string[] } } };
  };
  const user = inspected.OCIv1.config.User ?? "";
  check(user !== "" && user !== "root" && user !== "0", `the image's user is ${user || "(unset)"}, not root`);
  const healthcheck = inspected.Docker?.config?.Healthcheck?.Test ?? [];
  check(healthcheck.join(" ").includes("/healthz"), "the image has a HEALTHCHECK on /healthz");
  const uid = buildah(["run", "--isolation", "chroot", container, "--", "id", "-u"]);
  check(uid !== "0", `a command in the container runs as uid ${uid}`);

  const port = await freePort();
  // The bench's app environment (a real App aimed at the fake GitHub), on the port picked here.
  const env = appEnv(github, { PORT: String(port), LOG_LEVEL: "warn" });
  const envArgs = Object.entries(env).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
  // The image's own CMD, as `docker run IMAGE` would start it.
  const command = inspected.OCIv1.config.Cmd ?? [];
  check(command.length > 0, `the image's command is ${command.join(" ")}`);
  app = spawn("buildah", [...STORAGE, "run", "--isolation", "chroot", "--network", "host", ...envArgs, container, "--", ...command], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  app.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;

  await until("GET /healthz answering 200", async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 90_000);
  check(true, "GET /healthz answers 200");
  // The image's own HEALTHCHECK, run inside the container as the engine would.
  const [form, ...test] = healthcheck;
  const probe = form === "CMD-SHELL" ? ["/bin/sh", "-c", test.join(" ")] : test;
  const health = spawnSync("buildah", [...STORAGE, "run", "--isolation", "chroot", "--network", "host", "--env", `PORT=${port}`, container, "--", ...probe], { encoding: "utf8" });
  check(health.status === 0, `the image's HEALTHCHECK passes against the running app (exit ${health.status})`);
  const ready = await fetch(`${base}/readyz`);
  check(ready.status === 200, `GET /readyz answers ${ready.status}: ${(await ready.text()).slice(0, 200)}`);

  const headSha = "c".repeat(40);
  const delivery = await new DeliveryFactory(BENCH_SECRET, new Prng(3)).pullRequest("opened", {
    installation: 3,
    owner: "acme",
    repo: "image",
    repoId: 30_001,
    number: 1,
    headSha,
  });
  const accepted = await sendDelivery(`${base}/api/github/webhooks`, delivery);
  check(accepted.status === 202, `a signed pull_request delivery is accepted (${accepted.status})`);
  const names = await until(
    "check runs for the delivered pull request",
    async () => {
      const done = github.checkRuns.filter((run) => run.head_sha === headSha && run.status === "completed").map((run) => run.name);
      return done.includes("shipshape/ticket") && done.includes("shipshape/adr") ? done.sort() : undefined;
    },
    60_000,
  );
  check(true, `the delivery ended in check runs on the fake GitHub: ${names.join(", ")}`);
  const forged = await fetch(`${base}/api/github/webhooks`, { method: "POST", headers: { ...delivery.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, body: delivery.body });
  check(forged.status === 401, `a delivery with a wrong signature is refused (${forged.status})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (output) console.error(`--- the container's output ---\n${output.slice(-4000)}`);
  process.exitCode = 1;
} finally {
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  spawnSync("buildah", [...STORAGE, "rm", container], { stdio: "ignore" });
  await github.stop();
}
