import { Alert, App, Form, Input, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { formatMoney } from "../../products/money";
import { FixedText } from "../../quotes/components/QuoteFormDrawer";
import { useAmendContract, type Contract, type ContractAmendment } from "../api";
import { amendmentChanges, amendmentFormError, belowCommitmentsMinimum, REASON_MAX, type AmendmentFormValues } from "../amendments";
import { contractFormValues } from "../contractForm";
import { ContractFields } from "./ContractFields";

type Props = { open: boolean; contract: Contract; onClose: () => void; onSaved?: (amendment: ContractAmendment) => void };

/**
 * 变更合同: an active contract's fields as they stand, to change, with the reason. Only what the user
 * changed goes (a cleared field as null), to be approved before the contract changes; the server's
 * errors on `changes.<field>` land on the field.
 */
export function AmendContractDrawer({ open, contract, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AmendmentFormValues>();
  const amend = useAmendContract(contract.id);

  const submit = (v: AmendmentFormValues) => {
    const changes = amendmentChanges(contract, v);
    // Nothing to approve: said here rather than by the server's 422 on `changes`.
    if (Object.keys(changes).length === 0) return Promise.reject(new Error(t("contracts:amend.noChange")));
    return amend.mutateAsync({ reason: (v.reason ?? "").trim(), changes }).catch((error: unknown) => {
      throw amendmentFormError(error);
    });
  };

  // The least amount, which the server names beside the field error, goes under the amount (or in a message with lines).
  const explainProblem = (error: unknown, f: FormInstance<AmendmentFormValues>) => {
    const minimum = belowCommitmentsMinimum(error);
    if (minimum === undefined) return false;
    const text = t("contracts:amend.belowCommitments", { minimum: formatMoney(minimum, contract.currency, i18n.language) });
    if (f.getFieldValue("mode") === "amount") f.setFields([{ name: "amount", errors: [text] }]);
    else message.error(text);
    return true;
  };

  return (
    <ResourceFormDrawer<AmendmentFormValues, ContractAmendment>
      open={open}
      form={form}
      title={t("contracts:amend.title", { number: contract.number })}
      onClose={onClose}
      initialValues={{ ...contractFormValues(contract), reason: "" }}
      recordKey={contract}
      onSubmit={submit}
      onSaved={onSaved}
      successMessage={(a) => t(a.status === "approved" ? "contracts:amend.madeAtOnce" : "contracts:amend.submitted")}
      explainProblem={explainProblem}
      saveLabel={t("contracts:amend.save")}
      saveTestId="amend-save"
      width={920}
      above={<Alert type="info" showIcon message={t("contracts:amend.help")} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="reason" label={t("contracts:amend.reason")} rules={[{ required: true, whitespace: true }, { max: REASON_MAX }]}>
        <Input.TextArea rows={2} showCount maxLength={REASON_MAX} placeholder={t("contracts:amend.reasonPlaceholder")} data-testid="amend-reason" />
      </Form.Item>
      <ContractFields
        form={form}
        open={open}
        category={contract.category}
        fixedCurrency
        customer={<FixedText text={contract.customer_name ?? ""} testId="contract-customer-fixed" />}
      />
    </ResourceFormDrawer>
  );
}
