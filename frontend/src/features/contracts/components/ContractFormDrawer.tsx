import { Form } from "antd";
import { useTranslation } from "react-i18next";
import { UserPicker } from "../../../shared/components/UserPicker";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { CustomerField, FixedText } from "../../quotes/components/QuoteFormDrawer";
import { contractsApi, type Contract, type ContractPatch, type NewContract } from "../api";
import { contractFormValues, contractTerms, pricing, type ContractFormValues } from "../contractForm";
import { ContractFields } from "./ContractFields";

type Props = {
  open: boolean;
  contract: Contract | null;
  onClose: () => void;
  onCreated?: (c: Contract) => void;
  /** The customer a new contract is for (from the customer's page): fixed, not picked. */
  customer?: { id: string; name: string };
};

/**
 * Creates a contract or edits a draft: name, customer (on create), opportunity and signatory of that
 * customer, our signatory, owner (on create), currency, a stated amount or lines, dates, category,
 * payment terms and remark. The server's field errors land on the fields.
 */
export function ContractFormDrawer({ open, contract, onClose, onCreated, customer }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ContractFormValues>();
  const create = contractsApi.useCreate();
  const update = contractsApi.useUpdate();
  const fixedCustomer = contract ? { id: contract.customer_id, name: contract.customer_name ?? "" } : customer;

  const submit = (v: ContractFormValues) => {
    const terms = contractTerms(v);
    if (contract) {
      const patch: ContractPatch = { ...terms, ...pricing(v, contract.lines.length > 0) };
      return update.mutateAsync({ record: contract, patch });
    }
    const priced = pricing(v, false);
    const body: NewContract = { ...terms, amount: priced.amount, lines: priced.lines ?? [], customer_id: v.customer_id ?? "", owner_id: v.owner_id ?? null };
    return create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<ContractFormValues, Contract>
      open={open}
      form={form}
      title={contract ? t("contracts:editTitle", { number: contract.number }) : t("contracts:createTitle")}
      onClose={onClose}
      initialValues={contractFormValues(contract, customer)}
      recordKey={contract ?? customer?.id}
      onSubmit={submit}
      onSaved={(saved) => !contract && onCreated?.(saved)}
      successMessage={t(contract ? "common:messages.saved" : "common:messages.created")}
      saveTestId="contract-save"
      width={920}
    >
      <ContractFields
        form={form}
        open={open}
        category={contract?.category}
        customer={
          fixedCustomer ? (
            <FixedText text={fixedCustomer.name} testId="contract-customer-fixed" />
          ) : (
            <CustomerField testId="contract-customer" onPicked={() => form.setFieldsValue({ opportunity_id: undefined, customer_signer_id: undefined })} />
          )
        }
        owner={
          !contract && (
            <Form.Item name="owner_id" label={t("contracts:fields.owner")} extra={t("contracts:form.ownerHelp")}>
              <UserPicker style={{ width: "100%" }} data-testid="contract-owner" />
            </Form.Item>
          )
        }
      />
    </ResourceFormDrawer>
  );
}
