import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { MAX_REPO_FILE_BYTES, getFileText } from "../../src/github/get-file-text.js";

const API = "https://api.github.com";
const FILE = /^\/repos\/acme\/app\/contents\/docs(\/|%2F)adr(\/|%2F)0001-a\.md\?ref=main$/;
const octokit = () => new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
const read = () => getFileText({ octokit: octokit(), owner: "acme", repo: "app", path: "docs/adr/0001-a.md", ref: "main" });
const json = (text: string, size = Buffer.byteLength(text)) => ({ type: "file", size, encoding: "base64", content: Buffer.from(text).toString("base64") });

describe("getFileText: sized before it is decoded", () => {
  it("decodes a file under the cap from the JSON form, asking for JSON, not raw", async () => {
    const scope = nock(API)
      .get(FILE)
      .reply(function () {
        expect(String(this.req.headers.accept)).not.toContain("raw");
        return [200, json("# 1. Use PostgreSQL\n")];
      });
    expect(await read()).toEqual({ kind: "file", text: "# 1. Use PostgreSQL\n" });
    scope.done();
  });

  it("reports a file over 256 KB by its size, without its content", async () => {
    nock(API).get(FILE).reply(200, { type: "file", size: 16 * 1024 * 1024, encoding: "none", content: "" });
    expect(await read()).toEqual({ kind: "too-large", size: 16 * 1024 * 1024, limit: MAX_REPO_FILE_BYTES });
    nock(API).get(FILE).reply(200, json("x".repeat(MAX_REPO_FILE_BYTES + 1)));
    expect(await read()).toMatchObject({ kind: "too-large", size: MAX_REPO_FILE_BYTES + 1 });
    nock(API).get(FILE).reply(200, json("x".repeat(MAX_REPO_FILE_BYTES)));
    expect(await read()).toMatchObject({ kind: "file" });
  });

  it("caps a raw answer too, and treats a directory or a 404 as missing", async () => {
    nock(API).get(FILE).reply(200, "y".repeat(MAX_REPO_FILE_BYTES + 5), { "content-type": "application/vnd.github.raw; charset=utf-8" });
    expect(await read()).toMatchObject({ kind: "too-large", size: MAX_REPO_FILE_BYTES + 5 });
    nock(API).get(FILE).reply(200, [{ type: "file", name: "x" }]);
    expect(await read()).toEqual({ kind: "missing" });
    nock(API).get(FILE).reply(404, { message: "Not Found" });
    expect(await read()).toEqual({ kind: "missing" });
    nock(API).get(FILE).reply(500, { message: "boom" });
    await expect(read()).rejects.toMatchObject({ status: 500 });
  });
});
