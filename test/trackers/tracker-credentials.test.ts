import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/env.js";
import { readTrackerCredentials } from "../../src/trackers/tracker-credentials.js";
import { getJiraIssue } from "../../src/trackers/get-jira-issue.js";
import { DEFAULT_TRACKER_IO } from "../../src/trackers/request-tracker.js";
import { startFakeJira } from "../helpers/fake-jira.js";

describe("SHIPSHAPE_JIRA and SHIPSHAPE_LINEAR (ADR 0013)", () => {
  it("reads Cloud (email:token, basic, v3), Data Center (bearer:, v2) and Linear keys per owner", () => {
    const { credentials, problems } = readTrackerCredentials({
      SHIPSHAPE_JIRA: "acme=https://acme.atlassian.net,user@acme.com:TOKEN;\nInitech=https://jira.initech.internal/,bearer:PAT",
      SHIPSHAPE_LINEAR: "acme=lin_api_abc; initech=https://proxy.initech.internal/graphql,lin_api_def",
    });
    expect(problems).toEqual([]);
    expect(credentials.jira.get("acme")).toEqual({ baseUrl: "https://acme.atlassian.net", authorization: `Basic ${Buffer.from("user@acme.com:TOKEN").toString("base64")}`, apiVersion: 3 });
    expect(credentials.jira.get("initech")).toEqual({ baseUrl: "https://jira.initech.internal", authorization: "Bearer PAT", apiVersion: 2 });
    expect(credentials.linear.get("acme")).toEqual({ url: "https://api.linear.app/graphql", apiKey: "lin_api_abc" });
    expect(credentials.linear.get("initech")).toEqual({ url: "https://proxy.initech.internal/graphql", apiKey: "lin_api_def" });
  });

  it("names the owner of a bad entry, never its secret, and stops the start", () => {
    const raw = { SHIPSHAPE_JIRA: "acme=https://acme.atlassian.net,SECRETNOCOLON", SHIPSHAPE_LINEAR: "=lin_api_SECRET" };
    const { problems } = readTrackerCredentials(raw);
    expect(problems).toEqual([
      "SHIPSHAPE_JIRA: the credentials of acme are not email:token (Cloud) or bearer:token (Data Center)",
      "SHIPSHAPE_LINEAR: an entry does not start with owner= (expected e.g. acme=…)",
    ]);
    expect(problems.join("\n")).not.toContain("SECRET");
    expect(() => parseEnv(raw)).toThrow(problems.join("\n"));
    expect(parseEnv({}).settings.trackers?.jira.size).toBe(0);
  });
});

describe("getJiraIssue on Cloud", () => {
  it("asks REST v3 for status, issue type and summary with basic auth", async () => {
    const authorization = `Basic ${Buffer.from("user@acme.com:TOKEN").toString("base64")}`;
    const jira = await startFakeJira({ authorization });
    try {
      jira.hasIssue("ENG-1", { summary: "S", status: "In Progress", category: "indeterminate" });
      const lookup = await getJiraIssue({ site: { baseUrl: jira.url, authorization, apiVersion: 3 }, key: "ENG-1", io: DEFAULT_TRACKER_IO });
      expect(jira.requests.map((r) => `${r.method} ${r.url} ${r.authorization}`)).toEqual([`GET /rest/api/3/issue/ENG-1?fields=status,issuetype,summary ${authorization}`]);
      expect(lookup).toEqual({ kind: "found", title: "S", status: "In Progress", group: "indeterminate", url: `${jira.url}/browse/ENG-1` });
    } finally {
      await jira.close();
    }
  });
});
