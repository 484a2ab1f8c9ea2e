import { createElement } from "react";
import { CloudOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { DRIVE_PATH, routes } from "./routes";

/** 网盘: folders and files in personal, department and company spaces, and shares (records' attachments show on the records). */
export const driveFeature: Feature = {
  name: "drive",
  routes,
  menu: [{ key: "drive", path: DRIVE_PATH, group: "office", labelKey: "common:menu.entries.drive", icon: createElement(CloudOutlined), permission: "files:read" }],
};
