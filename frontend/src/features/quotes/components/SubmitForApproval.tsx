import { App, Button, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useSubmitForApproval, type SubmittableKind } from "../../approvals/api";
import { DOC_KINDS } from "../docKinds";

/** The confirmation, and what the user is told when no flow applies and the document moved on at once. */
const TEXTS: Record<SubmittableKind, { confirm: string; atOnce: string }> = {
  quotes: { confirm: "approvals:submit.confirm", atOnce: "approvals:submit.sentAtOnce" },
  contracts: { confirm: "approvals:submit.confirmContract", atOnce: "approvals:submit.activeAtOnce" },
};

/** 提交审批 on a draft quote or contract; where no flow applies the server moves it on at once, and says so. */
export function SubmitForApproval({ kind, doc }: { kind: SubmittableKind; doc: { id: string; number: string } }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const onProblem = useProblemHandler();
  const submit = useSubmitForApproval(kind);
  const testId = DOC_KINDS[kind].testId;
  const confirm = () =>
    modal.confirm({
      title: t("approvals:submit.button"),
      content: t(TEXTS[kind].confirm, { number: doc.number }),
      okText: t("approvals:submit.button"),
      cancelText: t("common:actions.cancel"),
      okButtonProps: { "data-testid": `${testId}-submit-confirm` } as ButtonProps,
      onOk: () =>
        submit.mutateAsync(doc.id).then(
          (approval) => void message.success(approval.status === "approved" ? t(TEXTS[kind].atOnce) : t("approvals:submit.submitted")),
          (error: unknown) => onProblem(error),
        ),
    });
  return (
    <Button type="primary" onClick={confirm} loading={submit.isPending} data-testid={`${testId}-submit`}>
      {t("approvals:submit.button")}
    </Button>
  );
}
