import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useDictionary } from "../../../shared/dictionaries";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { dictionaryOptions } from "../../customers/dictionary";
import { useContractFromQuote, type Contract } from "../api";
import { CONTRACTS_PATH } from "../paths";

type Values = { name?: string; sign_date?: Dayjs | null; start_date?: Dayjs | null; end_date?: Dayjs | null; category?: string | null; payment_terms?: string };

const date = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);
const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * 生成合同: a draft contract from an accepted quote, which brings its customer, opportunity, contact
 * (as the customer's signatory), currency, lines and terms; the user may name it, date it and pick
 * its category here, or later on the draft. Goes to the new contract.
 */
export function MakeContractModal({ quote, open, onClose }: { quote: { id: string; number: string }; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const make = useContractFromQuote();
  const categories = useDictionary("contract_category");
  return (
    <ResourceFormDrawer<Values, Contract>
      container="modal"
      open={open}
      title={t("contracts:fromQuote.title", { number: quote.number })}
      onClose={onClose}
      initialValues={{}}
      recordKey={quote.id}
      onSubmit={(v) =>
        make.mutateAsync({
          quoteId: quote.id,
          body: {
            name: text(v.name),
            sign_date: date(v.sign_date),
            start_date: date(v.start_date),
            end_date: date(v.end_date),
            category: v.category ?? null,
            payment_terms: text(v.payment_terms),
          },
        })
      }
      onSaved={(contract) => navigate(`${CONTRACTS_PATH}/${contract.id}`)}
      successMessage={t("contracts:fromQuote.done")}
      saveTestId="make-contract-submit"
      width={560}
    >
      <Form.Item name="name" label={t("contracts:fields.name")} extra={t("contracts:fromQuote.nameHelp")} rules={[{ max: 200 }]}>
        <Input autoComplete="off" placeholder={quote.number} data-testid="make-contract-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="sign_date" label={t("contracts:fields.sign_date")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="start_date" label={t("contracts:fields.start_date")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="end_date" label={t("contracts:fields.end_date")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="category" label={t("contracts:fields.category")}>
        <Select allowClear options={dictionaryOptions(categories.data, i18n.language)} />
      </Form.Item>
      <Form.Item name="payment_terms" label={t("contracts:fields.payment_terms")} extra={t("contracts:fromQuote.termsHelp")} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
