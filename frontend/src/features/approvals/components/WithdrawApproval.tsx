import { App, Button, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useApprovalMove, useDocApprovals } from "../api";
import { withdrawConfirmKey, type Approval } from "../model";

function WithdrawButton({ approval, testId }: { approval: Approval; testId: string }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const onProblem = useProblemHandler();
  const move = useApprovalMove(approval.id);
  const confirm = () =>
    modal.confirm({
      title: t("approvals:actions.withdraw"),
      content: t(withdrawConfirmKey(approval), { label: approval.doc_label }),
      okText: t("approvals:actions.withdraw"),
      cancelText: t("common:actions.cancel"),
      okButtonProps: { "data-testid": `${testId}-confirm` } as ButtonProps,
      onOk: () =>
        move.mutateAsync({ kind: "withdraw" }).then(
          () => void message.success(t("approvals:actions.done.withdraw")),
          (error: unknown) => onProblem(error),
        ),
    });
  return (
    <Button onClick={confirm} loading={move.isPending} data-testid={testId}>
      {t("approvals:actions.withdraw")}
    </Button>
  );
}

/**
 * 撤回 on a document waiting for approval, through its approval: shown while the latest round is
 * pending and the server says the user may withdraw it (the applicant, as the flow allows).
 * The document goes back to draft.
 */
export function WithdrawApproval({ docType, docId, testId }: { docType: string; docId: string; testId: string }) {
  const list = useDocApprovals(docType, docId);
  const latest = list.data?.items[0];
  if (!latest || latest.status !== "pending" || !latest.can_withdraw) return null;
  return <WithdrawButton approval={latest} testId={testId} />;
}
