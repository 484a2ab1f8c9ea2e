import { App, Button, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useSubmitQuote, type Quote } from "../api";

/** 提交审批 on a draft; where no flow applies the server sends the quote at once, and says so. */
export function SubmitForApproval({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const onProblem = useProblemHandler();
  const submit = useSubmitQuote();
  const confirm = () =>
    modal.confirm({
      title: t("approvals:submit.button"),
      content: t("approvals:submit.confirm", { number: quote.number }),
      okText: t("approvals:submit.button"),
      cancelText: t("common:actions.cancel"),
      okButtonProps: { "data-testid": "quote-submit-confirm" } as ButtonProps,
      onOk: () =>
        submit.mutateAsync(quote.id).then(
          (approval) => void message.success(approval.status === "approved" ? t("approvals:submit.sentAtOnce") : t("approvals:submit.submitted")),
          (error: unknown) => onProblem(error),
        ),
    });
  return (
    <Button type="primary" onClick={confirm} loading={submit.isPending} data-testid="quote-submit">
      {t("approvals:submit.button")}
    </Button>
  );
}
