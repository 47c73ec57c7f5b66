import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { redacting } from "../../../src/cli/program.js";
import { Redactor } from "../../../src/secrets/redactor.js";

describe("everything the CLI prints passes the run's redactor", () => {
  const setup = () => {
    const redactor = new Redactor();
    const sink = Object.assign(new PassThrough(), { isTTY: true, columns: 93 });
    let written = "";
    sink.on("data", (chunk: Buffer) => {
      written += chunk.toString();
    });
    return { redactor, sink, stream: redacting(sink, redactor), written: () => written };
  };

  it("replaces a secret registered after the stream was made, in strings and buffers", async () => {
    const { redactor, stream, written } = setup();
    redactor.register("hunter2-password");
    stream.write("password=hunter2-password\n");
    stream.write(Buffer.from(`b64 ${Buffer.from("hunter2-password").toString("base64")}\n`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe("password=<redacted>\nb64 <redacted>\n");
  });

  it("keeps the stream's own properties and methods (terminal size, events)", () => {
    const { stream } = setup();
    expect(stream.isTTY).toBe(true);
    expect(stream.columns).toBe(93);
    let ended = false;
    stream.on("finish", () => {
      ended = true;
    });
    stream.end();
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(ended).toBe(true);
        resolve();
      }),
    );
  });
});
