import { App, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, applyProblemToForm, labelledFieldErrorText, problemMessage, problemText } from "../../api/problem";

/**
 * Shows a failed write the way users expect: field errors on the form's fields, anything else
 * (and a stale version or a missing permission) as a message — always in the user's language,
 * through the shared code → text table (`errors` namespace).
 */
export function useProblemHandler() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error: unknown, form?: FormInstance) => {
    if (error instanceof ApiError) {
      if (error.status === 412) return void message.error(t("common:messages.staleVersion"));
      if (error.status === 403) return void message.error(error.problem.code && error.problem.code !== "auth.forbidden" ? problemMessage(error.problem) : t("common:messages.forbidden"));
      if (form) {
        const rest = applyProblemToForm(form, error.problem);
        if (error.problem.errors.length > 0 && rest.length === 0) return;
        const text = [problemMessage(error.problem), ...rest.map((e) => labelledFieldErrorText(e))].join("; ");
        return void message.error(text);
      }
    }
    message.error(problemText(error));
  };
}
