import { resourceApi } from "../../shared/resource/resourceApi";

// The tree itself is a shared lookup (users pick departments too): see shared/lookups.ts. Its key
// is filed under "departments", so the writes below refresh it.
export { useDepartmentTree } from "../../shared/lookups";

/** Departments; users show their department's name. */
export const departmentsApi = resourceApi("/api/v1/departments", { alsoInvalidates: [["users"]] });
