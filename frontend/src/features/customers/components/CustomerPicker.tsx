import { useState, type CSSProperties } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { customersApi, useCustomerSearch } from "../api";

type Props = {
  value?: string;
  onChange: (customer: Customer | undefined) => void;
  excludeId?: string;
  style?: CSSProperties;
  "data-testid"?: string;
};

/** Picks a customer by searching name, code, phone or e-mail on the server. */
export function CustomerPicker({ value, onChange, excludeId, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const customers = useCustomerSearch(q);
  const [chosen, setChosen] = useState<Customer | undefined>();
  const found = (customers.data?.items ?? []).filter((c) => c.id !== excludeId);
  // A value the picker did not choose (a filter read from the address bar, a record being
  // edited) is looked up, so it reads as the customer's name rather than its id.
  const known = chosen?.id === value ? chosen : undefined;
  const given = customersApi.useGet(value ?? "", { enabled: !!value && !known && !found.some((c) => c.id === value) });
  const current = known ?? (given.data?.id === value ? given.data : undefined);
  const list = current && !found.some((c) => c.id === current.id) ? [current, ...found] : found;

  return (
    <Select<string>
      showSearch
      allowClear
      filterOption={false}
      value={value}
      placeholder={t("customers:merge.pickPlaceholder")}
      notFoundContent={customers.isFetching ? t("common:userPicker.searching") : t("customers:merge.noMatch")}
      loading={customers.isFetching}
      options={list.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
      onSearch={setSearch}
      onChange={(id) => {
        const customer = list.find((c) => c.id === id);
        setChosen(customer);
        setSearch("");
        onChange(customer);
      }}
      style={style}
      data-testid={rest["data-testid"]}
    />
  );
}
