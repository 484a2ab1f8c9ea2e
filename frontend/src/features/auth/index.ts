export { loginRoute } from "./routes";
export { useMe, usePermission, useLogout, useUpdateMe, useChangePassword, meKeys } from "./api";
