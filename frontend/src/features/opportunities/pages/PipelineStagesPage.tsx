import { useState } from "react";
import { Col, Form, Input, InputNumber, Row, Select, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { formatDateTime } from "../../../shared/format";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { stageName } from "../stages";
import { stagesApi, type NewPipelineStage, type PipelineStage, type StageKind } from "../api";

const KINDS: StageKind[] = ["open", "won", "lost"];
const KIND_COLORS: Record<StageKind, string> = { open: "processing", won: "success", lost: "default" };

/** 销售阶段 (system settings): the pipeline's stages in board order, with create, edit and delete for administrators. */
export function PipelineStagesPage() {
  const { t, i18n } = useTranslation();
  // A pipeline has a handful of stages: all of them, in board order.
  const list = stagesApi.useList({ page: 1, page_size: 200, sort: "sort_order" });
  const remove = stagesApi.useDelete();
  const [editing, setEditing] = useState<PipelineStage | null>(null);
  const [open, setOpen] = useState(false);
  const none = t("common:values.none");
  const openDrawer = (s: PipelineStage | null) => {
    setEditing(s);
    setOpen(true);
  };
  const actions = useActionsColumn<PipelineStage>({
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "pipeline_stages:update", onClick: openDrawer, testId: "stage-edit" }],
    remove: { permission: "pipeline_stages:update", name: (s) => stageName(s, i18n.language), onDelete: (s) => remove.mutateAsync(s), testId: "stage-delete" },
  });
  const columns: TableColumnsType<PipelineStage> = [
    { title: t("opportunities:stages.fields.sort_order"), dataIndex: "sort_order", key: "sort_order", width: 80, align: "right" },
    { title: t("opportunities:stages.fields.name_zh"), dataIndex: "name_zh", key: "name_zh", width: 160 },
    { title: t("opportunities:stages.fields.name_en"), dataIndex: "name_en", key: "name_en", width: 160 },
    { title: t("opportunities:stages.fields.probability"), dataIndex: "probability", key: "probability", width: 110, align: "right", render: (v: number) => `${v}%` },
    {
      title: t("opportunities:stages.fields.kind"),
      dataIndex: "kind",
      key: "kind",
      width: 100,
      render: (k: StageKind) => <Tag color={KIND_COLORS[k]}>{t(`opportunities:stages.kinds.${k}`)}</Tag>,
    },
    { title: t("opportunities:stages.fields.updated_at"), dataIndex: "updated_at", key: "updated_at", width: 170, render: (v: string) => formatDateTime(v, none) },
    ...actions,
  ];
  return (
    <ResourceListPage<PipelineStage>
      title={t("opportunities:stages.title")}
      create={{ permission: "pipeline_stages:update", testId: "stage-create", onClick: () => openDrawer(null) }}
      table={{ columns, list, testId: "stages-table", pagination: false }}
      overlays={<StageFormDrawer open={open} stage={editing} onClose={() => setOpen(false)} />}
    />
  );
}

type StageValues = { name_zh: string; name_en: string; probability: number; sort_order?: number; kind: StageKind };

function StageFormDrawer({ open, stage, onClose }: { open: boolean; stage: PipelineStage | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<StageValues>();
  const create = stagesApi.useCreate();
  const update = stagesApi.useUpdate();
  const submit = (v: StageValues) => {
    const body: NewPipelineStage = { name_zh: v.name_zh.trim(), name_en: v.name_en.trim(), probability: v.probability, sort_order: v.sort_order ?? 0, kind: v.kind };
    return stage ? update.mutateAsync({ record: stage, patch: body }) : create.mutateAsync(body);
  };
  return (
    <ResourceFormDrawer<StageValues, PipelineStage>
      open={open}
      form={form}
      container="modal"
      title={stage ? t("opportunities:stages.editTitle", { name: stageName(stage, i18n.language) }) : t("opportunities:stages.createTitle")}
      onClose={onClose}
      initialValues={stage ? { name_zh: stage.name_zh, name_en: stage.name_en, probability: stage.probability, sort_order: stage.sort_order, kind: stage.kind } : { kind: "open", probability: 10 }}
      recordKey={stage}
      onSubmit={submit}
      successMessage={t(stage ? "common:messages.saved" : "common:messages.created")}
      saveTestId="stage-save"
      explainProblem={(error, f) => {
        if (!(error instanceof ApiError) || error.problem.code !== "pipeline_stage.in_use") return false;
        f.setFields([{ name: "kind", errors: [t("opportunities:stages.inUse")] }]);
        return true;
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="name_zh" label={t("opportunities:stages.fields.name_zh")} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
            <Input data-testid="stage-name-zh" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="name_en" label={t("opportunities:stages.fields.name_en")} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
            <Input data-testid="stage-name-en" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={t("opportunities:stages.fields.kind")} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: t(`opportunities:stages.kinds.${k}`) }))}
              onChange={(k: StageKind) => {
                if (k === "won") form.setFieldValue("probability", 100);
                if (k === "lost") form.setFieldValue("probability", 0);
              }}
              data-testid="stage-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="probability"
            label={t("opportunities:stages.fields.probability")}
            extra={t("opportunities:stages.probabilityRule")}
            dependencies={["kind"]}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: number) => {
                  const kind = getFieldValue("kind") as StageKind;
                  if ((kind === "won" && v !== 100) || (kind === "lost" && v !== 0)) return Promise.reject(new Error(t("opportunities:stages.probabilityRule")));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber min={0} max={100} precision={0} style={{ width: "100%" }} data-testid="stage-probability" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="sort_order" label={t("opportunities:stages.fields.sort_order")}>
            <InputNumber min={0} max={9999} precision={0} style={{ width: "100%" }} data-testid="stage-sort-order" />
          </Form.Item>
        </Col>
      </Row>
    </ResourceFormDrawer>
  );
}
