import { useState } from "react";
import { useQueries } from "@tanstack/react-query";
import { Select, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import type { CustomerGroup } from "../../../api/types";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { customerGroupKeys, useGroupOptions } from "../api";

type Props = {
  value?: string[];
  onChange?: (ids: string[]) => void;
  testId?: string;
  width?: number;
};

/**
 * Picks any number of groups the user can see (the customer list's `group_id` filter). Options
 * come from the server by name; a chosen group that is not among them (a link, a saved view)
 * is looked up by id so it shows its name, not its id.
 */
export function GroupSelect({ value = [], onChange, testId, width = 220 }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const options = useGroupOptions(q);
  const listed = options.data ?? [];
  const unlisted = value.filter((id) => !listed.some((g) => g.id === id));
  const looked = useQueries({
    queries: unlisted.map((id) => ({
      queryKey: customerGroupKeys.detail(id),
      queryFn: () => unwrap(api.GET("/api/v1/customer-groups/{id}", { params: { path: { id } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const known: CustomerGroup[] = [...looked.flatMap((r) => (r.data ? [r.data] : [])), ...listed];

  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      value={value}
      onChange={(ids) => {
        setSearch("");
        onChange?.(ids);
      }}
      onSearch={setSearch}
      placeholder={t("customerGroups:picker.placeholder")}
      notFoundContent={options.isFetching ? t("customerGroups:picker.searching") : t("customerGroups:picker.none")}
      loading={options.isFetching}
      maxTagCount="responsive"
      options={known.map((g) => ({
        value: g.id,
        label: g.name,
        title: g.name,
      }))}
      optionRender={(option) => {
        const group = known.find((g) => g.id === option.value);
        return (
          <span>
            {group?.name}
            {/* Names are unique per owner only: whose group it is tells two of one name apart. */}
            {group?.owner_name && <Typography.Text type="secondary"> · {group.owner_name}</Typography.Text>}
            {group?.shared && (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t("customerGroups:sharedTag.shared")}
              </Tag>
            )}
          </span>
        );
      }}
      // Never wider than the form on a phone.
      style={{ width, maxWidth: "100%" }}
      data-testid={testId}
    />
  );
}
