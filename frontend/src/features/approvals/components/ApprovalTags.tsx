import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { approverColor, STATUS_COLORS, STEP_COLORS, type ApprovalStatus, type StepState } from "../model";

/** An approval's status: 审批中, 已通过… */
export function ApprovalStatusTag({ status, testId = "approval-status" }: { status: ApprovalStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`approvals:status.${status}`)}
    </Tag>
  );
}

export function StepStateTag({ state }: { state: StepState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STEP_COLORS[state]} data-testid="approval-step-state" style={{ marginInlineEnd: 0 }}>
      {t(`approvals:stepStates.${state}`)}
    </Tag>
  );
}

/** An approver's own state; a state newer than this SPA shows as it is. */
export function ApproverStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={approverColor(state)} bordered={false} data-testid="approver-state" style={{ marginInlineEnd: 0 }}>
      {t(`approvals:approverStates.${state}`, { defaultValue: state })}
    </Tag>
  );
}
