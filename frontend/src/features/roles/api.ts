import type { DataScope } from "../../api/types";
import { resourceApi } from "../../shared/resource/resourceApi";

export { usePermissionCatalogue } from "../../shared/lookups";

export const DATA_SCOPES: readonly DataScope[] = ["self", "self_and_subordinates", "department", "department_tree", "all"];

/** Roles. Users show role names, and the signed-in user's own permissions may change with a role. */
export const rolesApi = resourceApi("/api/v1/roles", { alsoInvalidates: [["users"], ["me"]] });
