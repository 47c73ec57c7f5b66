// A diagnosis as text for people: one screen at most, the worst first. The
// JSON report carries the whole diagnosis; this is what fits under an error.
import type { ConditionView, ContainerView, Diagnosis, EventView, PodDiagnosis } from "./diagnosis.js";

export const MAX_LINES = 24;
const MAX_LINE_CHARS = 200;

export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = [];
  const when =
    d.observed === "while-waiting" ? "seen while helm waited, before its rollback" : "seen after the failure";
  if (d.objects.length === 0) {
    lines.push(
      d.checked === 0
        ? `why: no object of the release was found (${when})`
        : `why: all ${d.checked} objects of the release looked ready (${when})`,
    );
  } else {
    lines.push(`why: ${d.objects.length} of ${d.checked} objects not ready (${when})`);
  }
  for (const o of d.objects) {
    lines.push(`  ${o.kind} ${o.name}: ${o.summary}`);
    for (const c of o.conditions) lines.push(`    ${conditionText(c)}`);
    for (const p of o.pods)
      lines.push(...podLines(p, o.kind === "Pod" ? "    " : "    pod ", o.kind === "Pod"));
    if (o.morePods > 0) lines.push(`    + ${o.morePods} more pods not ready`);
    for (const e of o.events) lines.push(`    event ${eventText(e)}`);
  }
  for (const note of d.notes) lines.push(`  (${note})`);
  const cut = lines.map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS - 1)}…` : l));
  if (cut.length <= MAX_LINES) return cut.join("\n");
  return [
    ...cut.slice(0, MAX_LINES - 1),
    `  … ${cut.length - MAX_LINES + 1} more lines (-o json has them all)`,
  ].join("\n");
}

function podLines(p: PodDiagnosis, head: string, itself: boolean): string[] {
  // A Pod object's own line already says its phase.
  const lines = itself ? [] : [`${head}${p.name}: ${p.phase}`];
  const inner = itself ? "    " : "      ";
  for (const c of p.conditions) lines.push(`${inner}${conditionText(c)}`);
  for (const c of p.containers) lines.push(`${inner}container ${containerText(c)}`);
  for (const e of p.events) lines.push(`${inner}event ${eventText(e)}`);
  if (p.log && "lines" in p.log) {
    lines.push(`${inner}log (last ${p.log.lines.length} lines):`);
    for (const l of p.log.lines) lines.push(`${inner}  ${l}`);
  } else if (p.log) {
    lines.push(`${inner}log: unavailable (${p.log.unavailable})`);
  }
  return lines;
}

export function conditionText(c: ConditionView): string {
  const why = [c.reason, c.message].filter(Boolean).join(": ");
  return `${c.type}=${c.status}${why ? ` ${why}` : ""}`;
}

export function containerText(c: ContainerView): string {
  const parts = [`${c.name}: ${c.state}`];
  if (c.reason) parts.push(c.reason);
  if (c.exitCode !== undefined) parts.push(`exit code ${c.exitCode}`);
  let text = parts.join(" ");
  if (c.message) text += `: ${c.message}`;
  if (c.state === "unknown") text += " (no status reported yet)";
  if (c.restarts > 0) text += `; ${c.restarts} restarts`;
  const last = c.lastTerminated;
  if (last) {
    const lastParts = [last.reason, last.exitCode === undefined ? undefined : `exit code ${last.exitCode}`];
    text += `; last run ended ${lastParts.filter(Boolean).join(", ")}${last.message ? `: ${last.message}` : ""}`;
  }
  return text;
}

export function eventText(e: EventView): string {
  return `${e.type} ${e.reason}${e.count > 1 ? ` (x${e.count})` : ""}: ${e.message.replaceAll(/\s*\n\s*/g, " ")}`;
}
