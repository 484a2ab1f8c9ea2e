import { createElement } from "react";
import { MailOutlined, MessageOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes, SMS_PATH, SMTP_PATH } from "./routes";

/** 系统设置: what administrators set for the whole server; for now the mail server e-mail notifications leave through. */
export const settingsFeature: Feature = {
  name: "settings",
  routes,
  menu: [
    { key: "smtp", path: SMTP_PATH, group: "system", labelKey: "common:menu.entries.smtp", icon: createElement(MailOutlined), permission: "settings:read" },
    { key: "sms", path: SMS_PATH, group: "system", labelKey: "common:menu.entries.sms", icon: createElement(MessageOutlined), permission: "settings:read" },
  ],
};
