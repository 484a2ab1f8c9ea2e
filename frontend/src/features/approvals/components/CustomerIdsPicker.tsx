import { useState } from "react";
import { Select } from "antd";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { customersApi, useCustomerSearch } from "../../customers/api";

type Props = { value?: string[]; onChange?: (ids: string[]) => void; "data-testid"?: string };

/** Several customers, searched on the server as the user types; ids a saved flow names read as the customers' names. */
export function CustomerIdsPicker({ value = [], onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const found = useCustomerSearch(q);
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  const unlisted = value.filter((id) => !options.some((o) => o.value === id));
  const named = useQueries({
    queries: unlisted.map((id) => ({
      queryKey: customersApi.keys.detail(id),
      queryFn: () => unwrap(api.GET("/api/v1/customers/{id}", { params: { path: { id } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const chosen = unlisted.map((id, i) => {
    const customer = named[i]?.data;
    return { value: id, label: customer ? `${customer.name} (${customer.code})` : id };
  });
  return (
    <Select<string[]>
      mode="multiple"
      showSearch
      filterOption={false}
      value={value}
      options={[...chosen, ...options]}
      onSearch={setSearch}
      onChange={(ids) => {
        setSearch("");
        onChange?.(ids);
      }}
      placeholder={t("customers:merge.pickPlaceholder")}
      notFoundContent={found.isFetching ? t("common:userPicker.searching") : t("customers:merge.noMatch")}
      loading={found.isFetching}
      style={{ width: "100%" }}
      data-testid={rest["data-testid"]}
    />
  );
}
