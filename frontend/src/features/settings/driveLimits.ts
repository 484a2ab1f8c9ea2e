import type { DriveLimits } from "../../api/types";

export const SIZE_UNITS = ["MB", "GB"] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
/** A size as the form edits it: a number of megabytes or gigabytes (binary, as sizes are shown everywhere). */
export type SizeValue = { value: number | null; unit: SizeUnit };

const FACTOR: Record<SizeUnit, number> = { MB: 1024 ** 2, GB: 1024 ** 3 };

export const LIMIT_FIELDS = ["user_quota_bytes", "company_quota_bytes", "max_file_bytes"] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
export type DriveLimitsForm = Record<LimitField, SizeValue>;

/** Bytes in the largest unit that says them in at most two decimals: 10 GB, 1.5 GB, 512 MB. */
export function toSizeValue(bytes: number): SizeValue {
  const gb = bytes / FACTOR.GB;
  if (gb >= 1 && Math.abs(Math.round(gb * 100) / 100 - gb) < 1e-9) return { value: Math.round(gb * 100) / 100, unit: "GB" };
  return { value: Math.round((bytes / FACTOR.MB) * 100) / 100, unit: "MB" };
}

/** The bytes a size stands for (whole bytes), or null while it is blank. */
export function toBytes(size: SizeValue | undefined): number | null {
  if (!size || size.value === null || size.value === undefined || !Number.isFinite(size.value)) return null;
  return Math.round(size.value * FACTOR[size.unit]);
}

export function limitsForm(limits: DriveLimits): DriveLimitsForm {
  return {
    user_quota_bytes: toSizeValue(limits.user_quota_bytes),
    company_quota_bytes: toSizeValue(limits.company_quota_bytes),
    max_file_bytes: toSizeValue(limits.max_file_bytes),
  };
}

/** The PUT body; the form's rules have made sure every size is there. */
export function limitsBody(form: DriveLimitsForm): DriveLimits {
  return {
    user_quota_bytes: toBytes(form.user_quota_bytes) ?? 0,
    company_quota_bytes: toBytes(form.company_quota_bytes) ?? 0,
    max_file_bytes: toBytes(form.max_file_bytes) ?? 0,
  };
}
