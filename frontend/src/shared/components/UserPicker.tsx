import { useState, type CSSProperties } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { useUserSearch, type UserOption } from "../lookups";
import { useUserNames } from "../userNames";

type Common = {
  /** Users not to offer, e.g. those already chosen. */
  exclude?: readonly string[];
  placeholder?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  "data-testid"?: string;
};

type Single = Common & {
  multiple?: false;
  value?: string | null;
  onChange?: (value: string | undefined, option: UserOption | undefined) => void;
};

type Multiple = Common & {
  /** Several users (participants, say): the value is a list of ids. */
  multiple: true;
  value?: readonly string[] | null;
  onChange?: (value: string[]) => void;
};

/**
 * Picks enabled users, searching the server as the user types (a company may have more users
 * than one page holds). Usable as an antd Form control, for one user or, with `multiple`, several.
 */
export function UserPicker(props: Single | Multiple) {
  const { exclude = [], placeholder, style, allowClear = true } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const users = useUserSearch(q);
  const selected = props.multiple ? [...(props.value ?? [])] : props.value ? [props.value] : [];
  // Chosen users stay labelled while another search no longer lists them; users the form came
  // with (an edited record's) are labelled by name, not shown as ids.
  const [chosen, setChosen] = useState<ReadonlyMap<string, UserOption>>(new Map());
  const names = useUserNames(selected.filter((id) => !chosen.has(id)));
  const found = (users.data ?? []).filter((o) => !exclude.includes(o.value));
  const missing = selected
    .filter((id) => !found.some((o) => o.value === id))
    .map((id) => chosen.get(id) ?? { value: id, label: names.get(id) ?? id });
  const options = [...missing, ...found];

  const remember = (picked: UserOption | UserOption[] | undefined) => {
    const list = Array.isArray(picked) ? picked : picked ? [picked] : [];
    setChosen((old) => new Map([...old, ...list.map((o) => [o.value, o] as const)]));
    setSearch("");
  };

  const common = {
    showSearch: true,
    allowClear,
    filterOption: false,
    placeholder: placeholder ?? t("common:userPicker.placeholder"),
    notFoundContent: users.isFetching ? t("common:userPicker.searching") : t("common:userPicker.none"),
    loading: users.isFetching,
    options,
    onSearch: setSearch,
    style,
    "data-testid": props["data-testid"],
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<string[], UserOption>
        {...common}
        mode="multiple"
        value={selected}
        onChange={(next, option) => {
          remember(option as UserOption[] | undefined);
          onChange?.(next);
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string, UserOption>
      {...common}
      value={selected[0]}
      onChange={(next, option) => {
        const picked = Array.isArray(option) ? option[0] : option;
        remember(picked);
        onChange?.(next, picked);
      }}
    />
  );
}
