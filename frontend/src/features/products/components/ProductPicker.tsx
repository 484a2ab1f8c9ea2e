import { useState, type CSSProperties } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../api/types";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { useProductSearch } from "../api";

type Option = { value: string; label: string; product?: Product };

type Props = {
  value?: string;
  onChange?: (id: string | undefined, product: Product | undefined) => void;
  /** The label of the current value before any search ("name (code)"). */
  initialLabel?: string;
  size?: "small" | "middle" | "large";
  style?: CSSProperties;
  status?: "error" | "warning";
  "data-testid"?: string;
};

/** Picks a product, searching name and code on the server as the user types. A Form control. */
export function ProductPicker({ value, onChange, initialLabel, size, style, status, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  // Only search once the dropdown opens: a long price list would otherwise fire a query per row.
  const products = useProductSearch(q, open);
  const [chosen, setChosen] = useState<Option | undefined>();
  const found: Option[] = (products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})`, product: p }));
  const current: Option | undefined =
    chosen && chosen.value === value ? chosen : value && initialLabel ? { value, label: initialLabel } : undefined;
  const options = current && !found.some((o) => o.value === current.value) ? [current, ...found] : found;

  return (
    <Select<string, Option>
      showSearch
      filterOption={false}
      value={value}
      size={size}
      status={status}
      placeholder={t("products:picker.placeholder")}
      notFoundContent={products.isFetching ? t("common:userPicker.searching") : t("products:picker.none")}
      loading={products.isFetching}
      options={options}
      onSearch={setSearch}
      onOpenChange={setOpen}
      onChange={(id, option) => {
        const picked = Array.isArray(option) ? option[0] : option;
        setChosen(picked);
        setSearch("");
        onChange?.(id, picked?.product);
      }}
      style={style}
      popupMatchSelectWidth={false}
      data-testid={rest["data-testid"]}
    />
  );
}
