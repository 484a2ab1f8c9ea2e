import { useState, type CSSProperties } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { useUserSearch, type UserOption } from "../lookups";

type Props = {
  value?: string | null;
  onChange?: (value: string | undefined, option: UserOption | undefined) => void;
  /** Users not to offer, e.g. those already chosen. */
  exclude?: readonly string[];
  placeholder?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  "data-testid"?: string;
};

/**
 * Picks one enabled user, searching the server as the user types (a company may have more users
 * than one page holds). Usable as an antd Form control.
 */
export function UserPicker({ value, onChange, exclude = [], placeholder, style, allowClear = true, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const users = useUserSearch(q);
  // The chosen user stays labelled while another search no longer lists them.
  const [chosen, setChosen] = useState<UserOption | undefined>();
  const found = (users.data ?? []).filter((o) => !exclude.includes(o.value));
  const options = chosen && chosen.value === value && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;

  return (
    <Select<string, UserOption>
      showSearch
      allowClear={allowClear}
      filterOption={false}
      value={value ?? undefined}
      placeholder={placeholder ?? t("common:userPicker.placeholder")}
      notFoundContent={users.isFetching ? t("common:userPicker.searching") : t("common:userPicker.none")}
      loading={users.isFetching}
      options={options}
      onSearch={setSearch}
      onChange={(next, option) => {
        const picked = Array.isArray(option) ? option[0] : option;
        setChosen(picked);
        setSearch("");
        onChange?.(next, picked);
      }}
      style={style}
      data-testid={rest["data-testid"]}
    />
  );
}
