import type { ReactNode } from "react";
import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography, type FormInstance } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useDictionary } from "../../../shared/dictionaries";
import { useContacts } from "../../customers/api";
import { dictionaryOptions } from "../../customers/dictionary";
import { PriceInput, priceRules } from "../../products/components/PriceInput";
import { CURRENCIES, DEFAULT_CURRENCY } from "../../products/money";
import { useCustomerOpportunities } from "../../quotes/api";
import { DocumentLinesEditor } from "../../quotes/components/DocumentLinesEditor";
import { FixedText } from "../../quotes/components/QuoteFormDrawer";
import type { AmountMode, ContractFormValues } from "../contractForm";

type Props = {
  form: FormInstance<ContractFormValues>;
  open: boolean;
  /** The `customer_id` field's control: a picker for a new contract, the name once it has one. */
  customer: ReactNode;
  /** The owner's field, asked of a new contract only. */
  owner?: ReactNode;
  /** An active contract's currency stays: shown, not chosen. */
  fixedCurrency?: boolean;
  /** The category the contract has, offered even when the dictionary no longer lists it. */
  category?: string | null;
};

/**
 * A contract's fields, as a new contract, a draft's edit and an amendment ask them: name, customer,
 * opportunity and signatory of that customer, our signatory, category, dates, currency, a stated
 * amount or lines, payment terms and remark. Names match the API's, so its field errors land here.
 */
export function ContractFields({ form, open, customer, owner, fixedCurrency = false, category }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary("contract_category");
  const customerId = Form.useWatch("customer_id", form) as string | undefined;
  const mode = (Form.useWatch("mode", form) as AmountMode | undefined) ?? "amount";
  const currency = (Form.useWatch("currency", form) as string | undefined) ?? DEFAULT_CURRENCY;
  const contacts = useContacts(customerId ?? "", open && !!customerId);
  const opportunities = useCustomerOpportunities(customerId, open);
  const pickCustomerFirst = customerId ? undefined : t("contracts:form.pickCustomerFirst");

  const endAfterStart = {
    validator: (_: unknown, end: Dayjs | null | undefined) => {
      const start = form.getFieldValue("start_date") as Dayjs | null | undefined;
      return end && start && end.isBefore(start, "day") ? Promise.reject(new Error(t("errors:field.before_start"))) : Promise.resolve();
    },
  };

  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item name="name" label={t("contracts:fields.name")} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input autoComplete="off" placeholder={t("contracts:form.namePlaceholder")} data-testid="contract-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="customer_id" label={t("contracts:fields.customer")} rules={[{ required: true }]}>
          {customer}
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="opportunity_id" label={t("contracts:fields.opportunity")}>
          <Select
            allowClear
            disabled={!customerId}
            placeholder={pickCustomerFirst}
            loading={opportunities.isFetching}
            options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="contract-opportunity"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="customer_signer_id" label={t("contracts:fields.customer_signer")}>
          <Select
            allowClear
            disabled={!customerId}
            placeholder={pickCustomerFirst}
            loading={contacts.isFetching}
            options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
            data-testid="contract-customer-signer"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="signer_id" label={t("contracts:fields.signer")}>
          <UserPicker style={{ width: "100%" }} data-testid="contract-signer" />
        </Form.Item>
      </Col>
      {owner && (
        <Col xs={24} sm={12}>
          {owner}
        </Col>
      )}
      <Col xs={24} sm={12}>
        <Form.Item name="category" label={t("contracts:fields.category")}>
          <Select allowClear options={dictionaryOptions(categories.data, i18n.language, category)} loading={categories.isFetching} data-testid="contract-category" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="sign_date" label={t("contracts:fields.sign_date")}>
          <DatePicker style={{ width: "100%" }} data-testid="contract-sign-date" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="start_date" label={t("contracts:fields.start_date")}>
          <DatePicker style={{ width: "100%" }} data-testid="contract-start-date" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="end_date" label={t("contracts:fields.end_date")} dependencies={["start_date"]} rules={[endAfterStart]}>
          <DatePicker style={{ width: "100%" }} data-testid="contract-end-date" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name="currency" label={t("contracts:fields.currency")} rules={[{ required: true }]}>
          {fixedCurrency ? <FixedText text={currency} testId="contract-currency-fixed" /> : <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="contract-currency" />}
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item name="mode" label={t("contracts:form.amountMode")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "amount", label: t("contracts:form.modeAmount") },
              { value: "lines", label: t("contracts:form.modeLines") },
            ]}
            data-testid="contract-mode"
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        {mode === "lines" ? (
          <>
            <Typography.Title level={5}>{t("contracts:fields.lines")}</Typography.Title>
            <DocumentLinesEditor form={form} currency={currency} />
          </>
        ) : (
          <Form.Item name="amount" label={t("contracts:fields.amount")} rules={priceRules(t)}>
            <PriceInput suffix={currency} style={{ maxWidth: 240 }} data-testid="contract-amount" />
          </Form.Item>
        )}
      </Col>
      <Col xs={24}>
        <Form.Item name="payment_terms" label={t("contracts:fields.payment_terms")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} placeholder={t("contracts:form.paymentTermsPlaceholder")} data-testid="contract-payment-terms" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="remark" label={t("contracts:fields.remark")} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="contract-remark" />
        </Form.Item>
      </Col>
    </Row>
  );
}
