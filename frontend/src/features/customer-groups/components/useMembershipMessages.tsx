import { App } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import type { MembershipOutcome } from "../api";
import type { MembershipChange } from "../members";

/**
 * What the user is told after a membership change. The server's 404s are read here because the
 * generic text ("not found") would hide the two reasons that matter: a customer out of view, or
 * a colleague's shared group the user may only read.
 */
export function useMembershipMessages() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onProblem = useProblemHandler();

  /** Says how it went; true when the change was made (or there was nothing to change). */
  const outcome = (result: MembershipOutcome, change: MembershipChange): boolean => {
    if (!result.ok) {
      modal.error({ title: t("customerGroups:membership.tooMany", { count: result.count }) });
      return false;
    }
    if (result.changed === 0) message.info(t("customerGroups:membership.unchanged", { group: result.groupName }));
    else message.success(t(change === "add" ? "customerGroups:membership.added" : "customerGroups:membership.removed", { count: result.changed, group: result.groupName }));
    return true;
  };

  const error = (failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 404) {
      const missing = failure.problem.missing_ids?.length ?? 0;
      const content = missing > 0 ? t("customerGroups:membership.missing", { count: missing }) : t("customerGroups:access.notChangeable");
      return void modal.error({ title: content, okButtonProps: { "data-testid": "membership-error-ok" } });
    }
    onProblem(failure);
  };

  return { outcome, error };
}
