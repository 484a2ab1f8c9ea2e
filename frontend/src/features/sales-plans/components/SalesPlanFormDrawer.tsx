import { Col, Form, Input, InputNumber, Row, Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { normalizePrice } from "../../products/money";
import { salesPlansApi, type NewSalesPlan, type SalesPlan, type SalesPlanPatch } from "../api";
import { currentPeriod, formatPeriod, parsePeriod, PERIOD_KINDS, yearChoices, type PeriodKind } from "../periods";

export type SalesPlanFormValues = {
  owner_id?: string;
  kind: PeriodKind;
  year: number;
  /** The month (1–12) or quarter (1–4). */
  part?: number;
  target_amount: string;
  planned_customers?: number | null;
  content?: string;
};

function formValues(plan: SalesPlan | null, now = new Date()): Partial<SalesPlanFormValues> {
  const parts = parsePeriod(plan?.period ?? currentPeriod("month", now));
  return {
    owner_id: plan?.owner_id,
    kind: parts?.kind ?? "month",
    year: parts?.year ?? now.getFullYear(),
    part: parts?.part ?? now.getMonth() + 1,
    target_amount: plan?.target_amount,
    planned_customers: plan?.planned_customers ?? undefined,
    content: plan?.content ?? undefined,
  };
}

function blankToNull(value: string | undefined): string | null {
  return value && value.trim() ? value.trim() : null;
}

/** The form as a create body: the period from its kind, year and month or quarter. */
export function newPlanBody(v: SalesPlanFormValues): NewSalesPlan {
  return {
    owner_id: v.owner_id || null,
    period: formatPeriod({ kind: v.kind, year: v.year, part: v.kind === "year" ? undefined : v.part }),
    target_amount: normalizePrice(v.target_amount),
    planned_customers: v.planned_customers ?? null,
    content: blankToNull(v.content),
  };
}

/** The form as a patch: the person and the period stay. */
export function planPatch(v: SalesPlanFormValues): SalesPlanPatch {
  return { target_amount: normalizePrice(v.target_amount), planned_customers: v.planned_customers ?? null, content: blankToNull(v.content) };
}

type Props = {
  open: boolean;
  plan: SalesPlan | null;
  /** Whether the caller may plan for others (a scope wider than their own records). */
  forOthers: boolean;
  onClose: () => void;
};

/** Creates a plan (for the caller or someone in their scope) or changes one's target, customers and content. */
export function SalesPlanFormDrawer({ open, plan, forOthers, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SalesPlanFormValues>();
  const kind = Form.useWatch("kind", form) ?? "month";
  const create = salesPlansApi.useCreate();
  const update = salesPlansApi.useUpdate();
  const editing = plan !== null;

  const submit = (values: SalesPlanFormValues) =>
    plan ? update.mutateAsync({ record: plan, patch: planPatch(values) }) : create.mutateAsync(newPlanBody(values));

  const partOptions =
    kind === "quarter"
      ? [1, 2, 3, 4].map((q) => ({ value: q, label: t("salesPlans:quarterN", { n: q }) }))
      : Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t("salesPlans:monthN", { n: i + 1 }) }));

  return (
    <ResourceFormDrawer<SalesPlanFormValues, SalesPlan>
      open={open}
      form={form}
      title={plan ? t("salesPlans:editTitle", { period: plan.period, owner: plan.owner_name ?? "" }) : t("salesPlans:createTitle")}
      onClose={onClose}
      initialValues={formValues(plan)}
      recordKey={plan}
      onSubmit={submit}
      successMessage={t(plan ? "common:messages.saved" : "common:messages.created")}
      saveTestId="sales-plan-save"
    >
      {forOthers && (
        editing ? (
          <Form.Item label={t("salesPlans:fields.owner")}>
            <Input value={plan.owner_name ?? ""} disabled />
          </Form.Item>
        ) : (
          <Form.Item name="owner_id" label={t("salesPlans:fields.owner")} extra={t("salesPlans:form.ownerHint")}>
            <UserPicker data-testid="sales-plan-owner" placeholder={t("salesPlans:form.ownerPlaceholder")} />
          </Form.Item>
        )
      )}
      <Form.Item name="kind" label={t("salesPlans:fields.kind")}>
        <Segmented<PeriodKind>
          disabled={editing}
          data-testid="sales-plan-kind"
          options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`salesPlans:kinds.${k}`) }))}
          onChange={(next) => form.setFieldValue("part", next === "quarter" ? Math.ceil((new Date().getMonth() + 1) / 3) : new Date().getMonth() + 1)}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} sm={12}>
          <Form.Item name="year" label={t("salesPlans:fields.year")} rules={[{ required: true }]}>
            <Select disabled={editing} data-testid="sales-plan-year" options={yearChoices(new Date(), 3, 2).map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
        </Col>
        {kind !== "year" && (
          <Col xs={12} sm={12}>
            <Form.Item name="part" label={t(kind === "quarter" ? "salesPlans:fields.quarter" : "salesPlans:fields.month")} rules={[{ required: true }]}>
              <Select disabled={editing} data-testid="sales-plan-part" options={partOptions} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="target_amount" label={t("salesPlans:fields.target_amount")} rules={priceRules(t)}>
            <PriceInput data-testid="sales-plan-target" suffix="¥" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="planned_customers" label={t("salesPlans:fields.planned_customers")}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: "100%" }} data-testid="sales-plan-customers" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label={t("salesPlans:fields.content")} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={4} data-testid="sales-plan-content" />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
