import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { parseSetArguments } from "../../../src/values/set-arguments.js";

describe("--set on the command line, read like helm --set", () => {
  it.each([
    { text: "image.tag=1.4.0", out: [{ path: "image.tag", value: "1.4.0" }] },
    {
      text: "a=1,b=true,c=NULL,d=0,e=007,f=1.5",
      out: [
        { path: "a", value: 1 },
        { path: "b", value: true },
        { path: "c", value: null },
        { path: "d", value: 0 },
        { path: "e", value: "007" },
        { path: "f", value: "1.5" },
      ],
    },
    {
      text: "hosts={a.example.com,b.example.com}",
      out: [{ path: "hosts", value: ["a.example.com", "b.example.com"] }],
    },
    {
      text: "list={1,x},n=2",
      out: [
        { path: "list", value: [1, "x"] },
        { path: "n", value: 2 },
      ],
    },
    { text: "msg=a\\,b", out: [{ path: "msg", value: "a,b" }] },
    { text: "labels.app\\.io/name=web", out: [{ path: "labels.app\\.io/name", value: "web" }] },
    { text: "empty=", out: [{ path: "empty", value: "" }] },
    { text: "url=http://x?a=b", out: [{ path: "url", value: "http://x?a=b" }] },
  ])("$text", ({ text, out }) => {
    expect(parseSetArguments(text)).toEqual(out);
  });

  it.each([
    { text: "novalue", message: '--set "novalue": key "novalue" has no value' },
    { text: "a,b=1", message: '--set "a,b=1": key "a" has no value' },
    { text: "l={1,2", message: "list must terminate with '}'" },
    { text: "a[x]=1", message: 'bad list index in "a[x]"' },
  ])("refuses $text", ({ text, message }) => {
    expect(() => parseSetArguments(text)).toThrow(UsageError);
    expect(() => parseSetArguments(text)).toThrow(message);
  });
});
