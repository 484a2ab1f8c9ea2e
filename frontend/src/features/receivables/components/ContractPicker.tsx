import { useState, type CSSProperties } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { useContract, useContractSearch, type Contract } from "../api";

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The chosen contract itself, for what the form derives from it (its plans, customer, amounts). */
  onPicked?: (contract: Contract | undefined) => void;
  style?: CSSProperties;
  "data-testid"?: string;
};

/** A contract that took effect, found by its number, name or customer on the server. */
export function ContractPicker({ value, onChange, onPicked, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const found = useContractSearch(q);
  const items = found.data?.items ?? [];
  // A value the picker did not find (one given by the page) is looked up, so it reads as a contract.
  const given = useContract(value && !items.some((c) => c.id === value) ? value : undefined);
  const list = given.data && !items.some((c) => c.id === given.data.id) ? [given.data, ...items] : items;
  return (
    <Select<string>
      showSearch
      allowClear
      filterOption={false}
      value={value}
      placeholder={t("receivables:contractPicker.placeholder")}
      notFoundContent={found.isFetching ? t("common:userPicker.searching") : t("receivables:contractPicker.none")}
      loading={found.isFetching}
      options={list.map((c) => ({ value: c.id, label: [c.number, c.name, c.customer_name].filter(Boolean).join(" · ") }))}
      onSearch={setSearch}
      onChange={(id) => {
        setSearch("");
        onChange?.(id);
        onPicked?.(list.find((c) => c.id === id));
      }}
      style={{ width: "100%", ...style }}
      data-testid={rest["data-testid"]}
    />
  );
}
