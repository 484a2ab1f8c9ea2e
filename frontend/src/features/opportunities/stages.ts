import type { PipelineStage } from "./api";

/** A stage's name in the UI language: Chinese for any `zh*` language, English otherwise. */
export function stageName(stage: { name_zh?: string | null; name_en?: string | null } | undefined, language: string): string {
  if (!stage) return "";
  const zh = stage.name_zh ?? "";
  const en = stage.name_en ?? "";
  return language.toLowerCase().startsWith("zh") ? zh || en : en || zh;
}

/** The stages as the stage bar shows them: open ones in order, then the won and the lost ones. */
export function stageBarOrder(stages: readonly PipelineStage[]): PipelineStage[] {
  const sorted = [...stages].sort((a, b) => a.sort_order - b.sort_order);
  return [...sorted.filter((s) => s.kind === "open"), ...sorted.filter((s) => s.kind === "won"), ...sorted.filter((s) => s.kind === "lost")];
}

/** Whether an opportunity is past its expected close date while still open (the API's `expired`). */
export function isExpired(o: { status: string; expected_close_date?: string | null }, today: string): boolean {
  return o.status === "open" && !!o.expected_close_date && o.expected_close_date < today;
}

/** A time in a stage as people say it: "3 days 4 hours", "5 minutes", "under a minute". */
export function durationParts(seconds: number): { unit: "days" | "hours" | "minutes"; count: number }[] {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? [{ unit: "days", count: days }, { unit: "hours", count: hours }] : [{ unit: "days", count: days }];
  if (hours > 0) return minutes > 0 ? [{ unit: "hours", count: hours }, { unit: "minutes", count: minutes }] : [{ unit: "hours", count: hours }];
  return minutes > 0 ? [{ unit: "minutes", count: minutes }] : [];
}
