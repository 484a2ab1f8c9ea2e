import type { FeatureRoute } from "../../app/registry";

export const SMTP_PATH = "/system/settings/smtp";
export const SMS_PATH = "/system/settings/sms";
export const DRIVE_LIMITS_PATH = "/system/settings/drive";
export const COMPANY_PATH = "/system/company";

export const routes: FeatureRoute[] = [
  {
    path: SMTP_PATH,
    load: () => import("./pages/SmtpSettingsPage").then((m) => ({ default: m.SmtpSettingsPage })),
    permission: "settings:read",
  },
  {
    path: SMS_PATH,
    load: () => import("./pages/SmsSettingsPage").then((m) => ({ default: m.SmsSettingsPage })),
    permission: "settings:read",
  },
  {
    path: DRIVE_LIMITS_PATH,
    load: () => import("./pages/DriveLimitsPage").then((m) => ({ default: m.DriveLimitsPage })),
    permission: "settings:read",
  },
  {
    path: COMPANY_PATH,
    // In the quote pages' chunk (the header their PDF prints): one import less on the first page.
    load: () => import("../quotes/pages/salesDocPages").then((m) => ({ default: m.CompanyProfilePage })),
    permission: "settings:read",
  },
];
