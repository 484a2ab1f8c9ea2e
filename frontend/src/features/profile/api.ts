// The profile works on the signed-in user, whose hooks live with the session in the auth feature.
export { useChangePassword, useMe, useUpdateMe } from "../auth/api";
