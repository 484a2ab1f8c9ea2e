import type { components } from "../../api/schema";
import { resourceApi } from "../../shared/resource/resourceApi";

export type SalesPlan = components["schemas"]["SalesPlan"];
export type NewSalesPlan = components["schemas"]["NewSalesPlan"];
export type SalesPlanPatch = components["schemas"]["SalesPlanPatch"];

/** Sales plans; the workbench's won-this-month card reads the month's target, so writes refresh it too. */
export const salesPlansApi = resourceApi("/api/v1/sales-plans", { alsoInvalidates: [["workbench"]] });
