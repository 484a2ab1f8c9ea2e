import { Button, Col, Divider, Form, Input, Row, Select, Switch, TreeSelect } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { departmentTreeOptions, useDepartmentTree } from "../../../shared/lookups";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { flowsApi } from "../api";
import {
  blankFlow,
  blankStep,
  DOC_TYPES,
  EMPTY_APPROVERS,
  flowBody,
  flowForm,
  flowPatch,
  forDocType,
  RESUBMIT_MODES,
  SELF_APPROVALS,
  type ApprovalFlow,
  type FlowForm,
} from "../flowForm";
import { StepCard } from "./StepCard";

type Props = { open: boolean; flow: ApprovalFlow | null; onClose: () => void };

/**
 * The flow designer: the flow's scope and rules, then its steps in order (add, remove, move), each
 * with its approvers, how they decide and when it applies. A refused save shows on the field the
 * server names, down to `steps[1].condition[0].value`.
 */
export function FlowFormDrawer({ open, flow, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FlowForm>();
  const create = flowsApi.useCreate();
  const update = flowsApi.useUpdate();
  const departments = useDepartmentTree();
  const docType = (Form.useWatch("doc_type", form) as string | undefined) ?? flow?.doc_type ?? "quote";

  const submit = (values: FlowForm) => (flow ? update.mutateAsync({ record: flow, patch: flowPatch(values) }) : create.mutateAsync(flowBody(values)));
  const choices = (group: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`approvals:flows.${group}.${value}`) }));

  return (
    <ResourceFormDrawer<FlowForm>
      open={open}
      form={form}
      title={flow ? t("approvals:flows.editTitle", { name: flow.name }) : t("approvals:flows.createTitle")}
      onClose={onClose}
      initialValues={flow ? flowForm(flow) : blankFlow()}
      recordKey={flow}
      onSubmit={submit}
      successMessage={t(flow ? "common:messages.saved" : "common:messages.created")}
      saveTestId="flow-save"
      width={760}
    >
      <Divider orientation="left" orientationMargin={0} plain>
        {t("approvals:flows.sections.basic")}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t("approvals:flows.fields.name")} rules={[{ required: true, whitespace: true, message: t("errors:field.required") }]}>
            <Input maxLength={100} data-testid="flow-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="doc_type" label={t("approvals:flows.fields.doc_type")}>
            <Select
              disabled={!!flow}
              options={DOC_TYPES.map((type) => ({ value: type, label: t(`approvals:docTypes.${type}`) }))}
              onChange={(type: string) => form.setFieldValue("steps", forDocType(form.getFieldValue("steps") ?? [], type))}
              data-testid="flow-doc-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="department_id" label={t("approvals:flows.fields.department")} extra={t("approvals:flows.fields.departmentHelp")}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              placeholder={t("approvals:flows.fields.departmentAll")}
              loading={departments.isPending}
              treeData={departmentTreeOptions(departments.data ?? [])}
              data-testid="flow-department"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="enabled" label={t("approvals:flows.fields.enabled")} valuePropName="checked">
            <Switch data-testid="flow-enabled" />
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" orientationMargin={0} plain>
        {t("approvals:flows.sections.rules")}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="resubmit_mode" label={t("approvals:flows.rules.resubmit_mode")}>
            <Select options={choices("resubmitModes", RESUBMIT_MODES)} data-testid="flow-resubmit-mode" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="self_approval" label={t("approvals:flows.rules.self_approval")}>
            <Select options={choices("selfApprovals", SELF_APPROVALS)} data-testid="flow-self-approval" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="empty_approver" label={t("approvals:flows.rules.empty_approver")}>
            <Select options={choices("emptyApprovers", EMPTY_APPROVERS)} data-testid="flow-empty-approver" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="allow_withdraw" label={t("approvals:flows.rules.allow_withdraw")} valuePropName="checked">
            <Switch data-testid="flow-allow-withdraw" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="require_comment_on_reject" label={t("approvals:flows.rules.require_comment_on_reject")} valuePropName="checked">
            <Switch data-testid="flow-require-comment" />
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" orientationMargin={0} plain>
        {t("approvals:flows.sections.steps")}
      </Divider>
      <Form.List name="steps">
        {(steps, { add, remove, move }, { errors }) => (
          <>
            {steps.map((step, index) => (
              <StepCard
                key={step.key}
                step={step.name}
                index={index}
                count={steps.length}
                docType={docType}
                onMove={(delta) => move(index, index + delta)}
                onRemove={() => remove(step.name)}
              />
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(blankStep())} data-testid="flow-step-add">
              {t("approvals:flows.step.add")}
            </Button>
          </>
        )}
      </Form.List>
    </ResourceFormDrawer>
  );
}
