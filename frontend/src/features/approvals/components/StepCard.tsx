import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useRoleOptions } from "../../../shared/lookups";
import { APPROVER_KINDS, MAX_LEVELS, STEP_MODES, stepMoves, type ApproverKind } from "../flowForm";
import { ConditionRows } from "./ConditionRows";
import { Watching } from "./Watching";

const required = (message: string) => [{ required: true, message }];

/** The inputs of the chosen kind of approver: people, a role, how far up the supervisor chain; a department head needs none. */
function ApproverInputs({ step, kind }: { step: number; kind: ApproverKind | undefined }) {
  const { t } = useTranslation();
  const roles = useRoleOptions();
  const needed = t("errors:field.required");
  switch (kind) {
    case "user":
      return (
        <Form.Item name={[step, "approver", "user_ids"]} label={t("approvals:flows.step.users")} rules={required(needed)}>
          <UserPicker multiple style={{ width: "100%" }} data-testid="flow-step-users" />
        </Form.Item>
      );
    case "role":
      return (
        <Form.Item name={[step, "approver", "role_id"]} label={t("approvals:flows.step.role")} rules={required(needed)}>
          <Select showSearch optionFilterProp="label" loading={roles.isPending} options={roles.data ?? []} data-testid="flow-step-role" />
        </Form.Item>
      );
    case "supervisor":
      return (
        <Form.Item name={[step, "approver", "levels"]} label={t("approvals:flows.step.levels")} extra={t("approvals:flows.step.levelsHelp")} rules={required(needed)}>
          <InputNumber min={1} max={MAX_LEVELS} precision={0} style={{ width: 120 }} data-testid="flow-step-levels" />
        </Form.Item>
      );
    default:
      return null;
  }
}

type Props = { step: number; index: number; count: number; docType: string; onMove: (delta: -1 | 1) => void; onRemove: () => void };

/** One step of the designer: its name, approvers and how they decide, and when it applies. */
export function StepCard({ step, index, count, docType, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const moves = stepMoves(index, count);
  return (
    <Card
      size="small"
      data-testid="flow-step"
      title={t("approvals:flows.step.title", { n: index + 1 })}
      extra={
        <Space size={0}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={!moves.up} onClick={() => onMove(-1)} aria-label={t("approvals:flows.step.moveUp")} title={t("approvals:flows.step.moveUp")} data-testid="flow-step-up" />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={!moves.down} onClick={() => onMove(1)} aria-label={t("approvals:flows.step.moveDown")} title={t("approvals:flows.step.moveDown")} data-testid="flow-step-down" />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={onRemove} aria-label={t("approvals:flows.step.remove")} title={t("approvals:flows.step.remove")} data-testid="flow-step-remove" />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={[step, "name"]} label={t("approvals:flows.step.name")} rules={[{ required: true, whitespace: true, message: t("errors:field.required") }]}>
            <Input maxLength={100} placeholder={t("approvals:flows.step.namePlaceholder")} data-testid="flow-step-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[step, "mode"]} label={t("approvals:flows.step.mode")}>
            <Select options={STEP_MODES.map((mode) => ({ value: mode, label: t(`approvals:modeHelp.${mode}`) }))} data-testid="flow-step-mode" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[step, "approver", "kind"]} label={t("approvals:flows.step.approverKind")}>
            <Select options={APPROVER_KINDS.map((kind) => ({ value: kind, label: t(`approvals:flows.approverKinds.${kind}`) }))} data-testid="flow-step-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Watching path={["steps", step, "approver", "kind"]}>{(kind) => <ApproverInputs step={step} kind={kind as ApproverKind | undefined} />}</Watching>
        </Col>
      </Row>
      <ConditionRows step={step} docType={docType} />
    </Card>
  );
}
