import { createElement } from "react";
import { ContactsOutlined, CloudServerOutlined, MailOutlined, MessageOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { COMPANY_PATH, DRIVE_LIMITS_PATH, routes, SMS_PATH, SMTP_PATH } from "./routes";

/** 系统设置: what administrators set for the whole server: the mail server and SMS gateway notifications leave through, and the drive's limits. */
export const settingsFeature: Feature = {
  name: "settings",
  routes,
  menu: [
    { key: "smtp", path: SMTP_PATH, group: "system", labelKey: "common:menu.entries.smtp", icon: createElement(MailOutlined), permission: "settings:read" },
    { key: "sms", path: SMS_PATH, group: "system", labelKey: "common:menu.entries.sms", icon: createElement(MessageOutlined), permission: "settings:read" },
    { key: "driveLimits", path: DRIVE_LIMITS_PATH, group: "system", labelKey: "common:menu.entries.driveLimits", icon: createElement(CloudServerOutlined), permission: "settings:read" },
    // The header quotes print; for those who may change it.
    { key: "company", path: COMPANY_PATH, group: "system", labelKey: "common:menu.entries.company", icon: createElement(ContactsOutlined), permission: "settings:update" },
  ],
};
