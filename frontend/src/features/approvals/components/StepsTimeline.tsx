import { Space, Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTimeShort } from "../../../shared/format";
import type { ApprovalStep } from "../model";
import { STEP_COLORS } from "../model";
import { ApproverStateTag, StepStateTag } from "./ApprovalTags";

/** Timeline dots follow the step's state; antd knows a few colour names only. */
const DOT: Record<string, string> = { success: "green", error: "red", processing: "blue", cyan: "cyan", default: "gray" };

/** Every step of an approval: its state and how it decides, each approver with their state and comment. */
export function StepsTimeline({ steps, current }: { steps: readonly ApprovalStep[]; current?: number | null }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="approval-steps"
      items={steps.map((step) => ({
        key: step.index,
        color: DOT[STEP_COLORS[step.state]] ?? "gray",
        children: (
          <div data-testid="approval-step" data-state={step.state} data-current={step.index === current ? "true" : undefined}>
            <Space wrap size={8}>
              <Typography.Text strong>{step.name}</Typography.Text>
              <StepStateTag state={step.state} />
              <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                {t(`approvals:modes.${step.mode}`)}
              </Tag>
            </Space>
            {step.approvers.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t("approvals:detail.noApprovers")}</Typography.Text>
              </div>
            ) : (
              <ul style={{ listStyle: "none", margin: "6px 0 0", padding: 0 }}>
                {step.approvers.map((approver) => (
                  <li key={approver.user_id} data-testid="approval-approver" style={{ marginBottom: 4 }}>
                    <Space wrap size={6}>
                      <Typography.Text>{approver.name || approver.user_id}</Typography.Text>
                      <ApproverStateTag state={approver.state} />
                      {approver.acted_at && <Typography.Text type="secondary">{formatDateTimeShort(approver.acted_at)}</Typography.Text>}
                    </Space>
                    {approver.comment && (
                      <Typography.Paragraph type="secondary" style={{ margin: "2px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                        “{approver.comment}”
                      </Typography.Paragraph>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}
