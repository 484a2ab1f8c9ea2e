import type { TFunction } from "i18next";
import type { components } from "../../api/schema";

export type Job = components["schemas"]["Job"];

/** The states the API reports, in the order a job passes through them. */
export const JOB_STATUSES = ["queued", "running", "done", "dead"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

/**
 * The job kinds the UI has a name for, and their key under `jobs:kinds` (the kinds hold dots,
 * which i18next reads as nesting, so they are not keys themselves). A kind not listed here shows
 * as the server names it.
 */
const KIND_KEYS: Record<string, string> = {
  "customers.apply_pool_rules": "poolRules",
  "customers.follow_up_reminders": "followUpReminders",
  "system.purge": "purge",
  "notifications.email": "notificationEmail",
  "notifications.sms": "notificationSms",
  "quotes.expire": "quotesExpire",
  "contracts.reminders": "contractReminders",
  "webhooks.deliver": "webhookDeliver",
};

export const KNOWN_JOB_KINDS = Object.keys(KIND_KEYS);

/** A job kind for people: 公海规则 / Pool rules; an unknown kind as it is. */
export function jobKindLabel(t: TFunction, kind: string): string {
  const key = KIND_KEYS[kind];
  return key ? t(`jobs:kinds.${key}`) : kind;
}

/** What a job's status tag shows: a queued job that has failed before is waiting to retry. */
export type JobStatusView = { key: JobStatus | "retrying" | "unknown"; color: string };

const COLORS: Record<JobStatusView["key"], string> = {
  queued: "default",
  retrying: "warning",
  running: "processing",
  done: "success",
  dead: "error",
  unknown: "default",
};

export function jobStatusView(job: Pick<Job, "status" | "attempts">): JobStatusView {
  const key = !isJobStatus(job.status) ? "unknown" : job.status === "queued" && job.attempts > 0 ? "retrying" : job.status;
  return { key, color: COLORS[key] };
}

/** A status for people (filters, tabs): 排队中 / Queued; an unknown one as it is. */
export function jobStatusLabel(t: TFunction, status: string): string {
  return isJobStatus(status) ? t(`jobs:status.${status}`) : status;
}

/** The status tag's text. */
export function jobStatusText(t: TFunction, job: Pick<Job, "status" | "attempts">): string {
  const { key } = jobStatusView(job);
  return key === "unknown" ? job.status : t(`jobs:status.${key}`);
}
