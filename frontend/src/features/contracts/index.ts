import { createElement } from "react";
import { FileSearchOutlined } from "@ant-design/icons";
import type { Feature } from "../../app/registry";
import { CONTRACTS_PATH, routes } from "./routes";

/**
 * 合同: contracts with a stated amount or priced lines, approved through the approval engine before
 * they take effect (the customer is then won), completed or terminated, voided as drafts, archived.
 */
export const contractsFeature: Feature = {
  name: "contracts",
  routes,
  menu: [{ key: "contracts", path: CONTRACTS_PATH, group: "sales", labelKey: "common:menu.entries.contracts", icon: createElement(FileSearchOutlined), permission: "contracts:read" }],
};
