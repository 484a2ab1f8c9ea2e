import { createElement } from "react";
import { KeyOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { routes } from "./routes";

// Every signed-in user manages their own tokens, so no permission is needed.
export const apiTokensFeature: Feature = {
  name: "api-tokens",
  routes,
  menu: [{ key: "api-tokens", path: "/settings/api-tokens", group: "system", labelKey: "common:menu.entries.apiTokens", icon: createElement(KeyOutlined) }],
};
