import { resourceApi } from "../../shared/resource/resourceApi";

export { usePermissionCatalogue } from "../../shared/lookups";

/** The signed-in user's own tokens; deleting one revokes it. */
export const apiTokensApi = resourceApi("/api/v1/api-tokens");
