import { createElement } from "react";
import { SwapOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes, WEBHOOKS_PATH } from "./routes";

/** 事件推送: webhooks that tell other systems about changes, their delivery log, and whether they may call private addresses. */
// The menu's icon is one the menu already loads (data going to and from another system): a new icon
// in the first page costs more than its own bytes once the bundler re-merges its small chunks.
export const webhooksFeature: Feature = {
  name: "webhooks",
  routes,
  menu: [{ key: "webhooks", path: WEBHOOKS_PATH, group: "system", labelKey: "common:menu.entries.webhooks", icon: createElement(SwapOutlined), permission: "webhooks:read" }],
};
