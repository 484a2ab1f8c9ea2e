import { Card, Space, Steps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDocApprovals } from "../api";
import { stepStatus } from "../model";
import { approvalPath } from "../paths";
import { ApprovalStatusTag, ApproverStateTag } from "./ApprovalTags";

/**
 * A document's approval as its own page shows it: the latest round's steps, who approves each,
 * where they stand and what they said, with a link to the approval. Nothing while the document was never submitted.
 */
export function DocApprovalProgress({ docType, docId }: { docType: string; docId: string }) {
  const { t } = useTranslation();
  const list = useDocApprovals(docType, docId);
  const rounds = list.data?.items ?? [];
  const latest = rounds[0];
  if (!latest) return null;
  return (
    <Card
      size="small"
      data-testid="doc-approval-progress"
      title={
        <Space wrap size={8}>
          <span>{t("approvals:progress.title")}</span>
          <ApprovalStatusTag status={latest.status} testId="doc-approval-status" />
          {latest.round > 1 && <Typography.Text type="secondary">{t("approvals:detail.round", { round: latest.round })}</Typography.Text>}
        </Space>
      }
      extra={
        <Link to={approvalPath(latest.id)} data-testid="doc-approval-link">
          {t("approvals:progress.open")}
        </Link>
      }
    >
      {latest.steps.length === 0 ? (
        <Typography.Text type="secondary">{t("approvals:detail.noFlow")}</Typography.Text>
      ) : (
        <Steps
          size="small"
          items={latest.steps.map((step) => ({
            key: step.index,
            status: stepStatus(step.state),
            title: step.name,
            subTitle: t(`approvals:stepStates.${step.state}`),
            description: (
              <Space direction="vertical" size={2}>
                {step.approvers.map((a) => (
                  <div key={a.user_id}>
                    <Space size={4} wrap>
                      <span>{a.name || a.user_id}</span>
                      <ApproverStateTag state={a.state} />
                    </Space>
                    {a.comment && (
                      <Typography.Paragraph type="secondary" style={{ margin: "2px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="doc-approval-comment">
                        “{a.comment}”
                      </Typography.Paragraph>
                    )}
                  </div>
                ))}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
