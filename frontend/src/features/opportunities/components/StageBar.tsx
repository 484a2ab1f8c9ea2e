import { Grid, Steps } from "antd";
import { CheckCircleOutlined, CloseCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Opportunity, PipelineStage } from "../api";
import { stageBarOrder, stageName } from "../stages";

type Props = { opportunity: Opportunity; stages: readonly PipelineStage[]; disabled?: boolean; onPick: (stage: PipelineStage) => void };

/**
 * The opportunity's way through the pipeline: the open stages in order, then won and lost. The
 * current stage is marked; a click on another moves it there (when the user may change it).
 */
export function StageBar({ opportunity, stages, disabled, onPick }: Props) {
  const { i18n } = useTranslation();
  const vertical = Grid.useBreakpoint().md === false;
  const order = stageBarOrder(stages);
  const current = order.findIndex((s) => s.id === opportunity.stage_id);
  const status = opportunity.status === "won" ? "finish" : opportunity.status === "lost" ? "error" : "process";
  return (
    <Steps
      size="small"
      direction={vertical ? "vertical" : "horizontal"}
      current={current}
      status={status}
      data-testid="stage-bar"
      onChange={disabled ? undefined : (index) => {
        const stage = order[index];
        if (stage && stage.id !== opportunity.stage_id) onPick(stage);
      }}
      items={order.map((s) => ({
        title: <span data-testid={`stage-step-${s.kind}`} data-stage-id={s.id}>{stageName(s, i18n.language)}</span>,
        description: `${s.probability}%`,
        disabled: disabled || s.id === opportunity.stage_id,
        // A lost opportunity never passed through won, though the bar puts won before lost.
        ...(s.kind === "won" && opportunity.status === "lost" ? { status: "wait" as const } : {}),
        ...(s.kind === "won" ? { icon: <CheckCircleOutlined style={{ color: s.id === opportunity.stage_id ? "#52c41a" : undefined }} /> } : {}),
        ...(s.kind === "lost" ? { icon: <CloseCircleOutlined style={{ color: s.id === opportunity.stage_id ? "#ff4d4f" : undefined }} /> } : {}),
      }))}
    />
  );
}
