import { Card, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatDateTime } from "../../../shared/format";
import { ApprovalStatusTag } from "../../approvals/components/ApprovalTags";
import { DocApprovalProgress } from "../../approvals/components/DocApprovalProgress";
import { approvalPath } from "../../approvals/paths";
import { useContractAmendments, type Contract, type ContractAmendment } from "../api";
import { AmendmentChanges } from "./AmendmentChanges";

function AmendmentCard({ amendment: a, currency }: { amendment: ContractAmendment; currency: string }) {
  const { t } = useTranslation();
  const none = t("common:values.none");
  return (
    <Card
      size="small"
      data-testid="amendment"
      data-seq={a.seq}
      title={
        <Space wrap size={8}>
          <span>{t("contracts:amendments.seq", { seq: a.seq })}</span>
          <ApprovalStatusTag status={a.status} testId="amendment-status" />
        </Space>
      }
      extra={
        a.approval_id && (
          <Link to={approvalPath(a.approval_id)} data-testid="amendment-approval-link">
            {t("contracts:amendments.openApproval")}
          </Link>
        )
      }
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Space wrap size={[16, 4]}>
          <Typography.Text type="secondary">
            {t("contracts:amendments.applicant")}: {a.applicant_name || none}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("contracts:amendments.createdAt")}: {formatDateTime(a.created_at, none)}
          </Typography.Text>
          {a.decided_at && (
            <Typography.Text type="secondary" data-testid="amendment-decided-at">
              {t("contracts:amendments.decidedAt")}: {formatDateTime(a.decided_at, none)}
            </Typography.Text>
          )}
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="amendment-reason">
          <Typography.Text strong>{t("contracts:amendments.reason")}: </Typography.Text>
          {a.reason}
        </Typography.Paragraph>
        <AmendmentChanges amendment={a} currency={currency} />
        {/* Who still has to approve it, while it waits. */}
        {a.status === "pending" && <DocApprovalProgress docType="contract_amendment" docId={a.id} />}
      </Space>
    </Card>
  );
}

/**
 * 合同变更 tab: the contract's amendments, newest first, each with its status, reason, applicant,
 * dates and what it changes, linking to its approval.
 */
export function ContractAmendments({ contract, onAmend }: { contract: Contract; onAmend?: () => void }) {
  const { t } = useTranslation();
  const list = useContractAmendments(contract.id);
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <Typography.Text type="danger">{t("common:messages.loadFailed")}</Typography.Text>;
  const amendments = list.data ?? [];
  if (amendments.length === 0) {
    return (
      <EmptyState
        title={t("contracts:amendments.empty")}
        description={t("contracts:amendments.emptyHelp")}
        actions={onAmend ? [{ label: t("contracts:amend.action"), onClick: onAmend, primary: true, testId: "amendments-empty-amend" }] : []}
        testId="amendments-empty"
      />
    );
  }
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="contract-amendments">
      {amendments.map((a) => (
        <AmendmentCard key={a.id} amendment={a} currency={contract.currency} />
      ))}
    </Space>
  );
}
