import { Button, Col, Form, Row, Select, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { blankCondition, fieldOf, fieldsOf, opsFor, retarget, valueFor, valueProblem, type ConditionFieldName, type ConditionOp, type ConditionRow } from "../conditions";
import { ConditionValueInput } from "./ConditionValueInput";
import { Watching } from "./Watching";

/** One condition: field, operator (only those the field takes) and value, named as the API names them. */
function ConditionLine({ step, row, docType, current, onRemove }: { step: number; row: number; docType: string; current: ConditionRow; onRemove: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const path = ["steps", step, "condition", row];
  const kind = fieldOf(docType, current.field)?.kind;
  const set = (next: ConditionRow) => form.setFieldValue(path, next);

  return (
    <Row gutter={8} align="top" wrap data-testid="flow-condition">
      <Col xs={24} sm={8}>
        <Form.Item name={[row, "field"]} rules={[{ required: true, message: t("errors:field.required") }]} style={{ marginBottom: 8 }}>
          <Select<ConditionFieldName>
            aria-label={t("approvals:flows.condition.field")}
            placeholder={t("approvals:flows.condition.field")}
            options={fieldsOf(docType).map((f) => ({ value: f.name, label: t(`approvals:flows.conditionFields.${docType}.${f.name}`) }))}
            onChange={(field) => set(retarget(current, docType, field))}
            data-testid="flow-condition-field"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={6}>
        <Form.Item name={[row, "op"]} rules={[{ required: true, message: t("errors:field.required") }]} style={{ marginBottom: 8 }}>
          <Select<ConditionOp>
            aria-label={t("approvals:flows.condition.op")}
            options={opsFor(kind).map((op) => ({ value: op, label: t(`approvals:flows.ops.${op}`) }))}
            onChange={(op) => set({ ...current, op, value: valueFor(op, current.value) })}
            data-testid="flow-condition-op"
          />
        </Form.Item>
      </Col>
      <Col xs={21} sm={9}>
        <Form.Item
          name={[row, "value"]}
          style={{ marginBottom: 8 }}
          dependencies={[[...path, "op"], [...path, "field"]]}
          rules={[
            {
              validator: (_, value) => {
                const problem = valueProblem(kind, current.op, value);
                if (!problem) return Promise.resolve();
                return Promise.reject(new Error(problem === "decimal" ? t("approvals:flows.condition.valueInvalid") : t("errors:field.required")));
              },
            },
          ]}
        >
          <ConditionValueInput kind={kind} op={current.op} testId="flow-condition-value" />
        </Form.Item>
      </Col>
      <Col xs={3} sm={1} style={{ textAlign: "end" }}>
        <Button type="text" icon={<DeleteOutlined />} aria-label={t("approvals:flows.condition.remove")} title={t("approvals:flows.condition.remove")} onClick={onRemove} data-testid="flow-condition-remove" />
      </Col>
    </Row>
  );
}

/** A step's conditions (all must hold, AND); none: the step always applies. */
export function ConditionRows({ step, docType }: { step: number; docType: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[step, "condition"]}>
      {(rows, { add, remove }) => (
        <div>
          <Typography.Text strong>{t("approvals:flows.step.condition")}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: "2px 0 8px", fontSize: 12 }}>
            {rows.length === 0 ? t("approvals:flows.step.always") : t("approvals:flows.step.conditionHelp")}
          </Typography.Paragraph>
          {rows.map((row) => (
            <Watching key={row.key} path={["steps", step, "condition", row.name]}>
              {(current) => <ConditionLine step={step} row={row.name} docType={docType} current={(current ?? {}) as ConditionRow} onRemove={() => remove(row.name)} />}
            </Watching>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(blankCondition(docType))} data-testid="flow-condition-add">
            {t("approvals:flows.condition.add")}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
