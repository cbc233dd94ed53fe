import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenCommand } from "../../src/cli/commands/token.js";
import { loadFileTotals } from "../../src/store/coverage.js";
import { startServer } from "../helpers/server.js";
import { fixture } from "./workflow-run-fixture.js";
import { cliContext } from "../helpers/cli-context.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("POST /api/v1/repos/:owner/:repo/coverage with upload tokens from the CLI", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const { context, out, err } = cliContext(() => server.deps.db);
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  const upload = (body: Buffer | string, headers: Record<string, string>, query = `sha=${SHA}&branch=main`) =>
    fetch(`${server.url}/api/v1/repos/Acme/App/coverage?${query}`, { method: "POST", headers, body });

  it("accepts a report with a valid token, refuses it revoked or missing", async () => {
    expect(await tokenCommand.run(["create", "acme/app"], context)).toBe(0);
    const token = out.pop()!;
    expect(token).toMatch(/^shpcov_/);
    expect(err.pop()).toContain("It is shown only now");

    const ok = await upload(fixture("head/js.lcov.info"), { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ repo: "Acme/App", sha: SHA, branch: "main", formats: ["lcov"], files: 4, lines: { total: 82, covered: 66, percent: 80.49 } });
    expect((await loadFileTotals(server.deps.db, { repo: "acme/app", sha: SHA })).get("src/coupon.js")).toEqual({ linesTotal: 13, linesCovered: 9, linesPartial: 1, branchesTotal: 3, branchesCovered: 2 });

    const gzipped = await upload(gzipSync(fixture("head/go.coverprofile")), { authorization: `token ${token}` });
    expect(gzipped.status).toBe(201);
    expect(((await gzipped.json()) as { files: number }).files).toBe(2);

    const missing = await upload(fixture("head/js.lcov.info"), {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: "missing upload token: send Authorization: Bearer <token> (create one with `shipshape token create Acme/App`)" });

    expect(await tokenCommand.run(["revoke", "acme/app"], context)).toBe(0);
    expect(out.pop()).toBe("Revoked 1 upload token of acme/app: uploads with it now get 401.");
    const revoked = await upload(fixture("head/js.lcov.info"), { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: "upload token not valid for Acme/App: it was revoked or belongs to another repo" });
  });

  it("says what is wrong with the request or the report", async () => {
    await tokenCommand.run(["create", "acme/app"], context);
    const auth = { authorization: `Bearer ${out.pop()!}` };
    const noSha = await upload("SF:a\nDA:1,1\nend_of_record\n", auth, "branch=main");
    expect(noSha.status).toBe(400);
    const notReport = await upload("<html><body>oops</body></html>", auth, `sha=${SHA}&name=coverage/index.html`);
    expect(notReport.status).toBe(422);
    expect(await notReport.json()).toEqual({ error: expect.stringContaining("coverage/index.html: XML with root <html> is not a coverage report") });
    const hostile = await upload('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><coverage/>', auth);
    expect(hostile.status).toBe(422);
  });

  it("answers usage errors of the CLI with exit code 2", async () => {
    expect(await tokenCommand.run(["create"], context)).toBe(2);
    expect(await tokenCommand.run(["delete", "acme/app"], context)).toBe(2);
  });
});
