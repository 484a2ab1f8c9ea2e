import { useMemo, type CSSProperties } from "react";
import { Cascader, Grid } from "antd";
import { useTranslation } from "react-i18next";
import { regionSearchMatch, trimRegions } from "./regions";
import { useRegions } from "./useRegions";

/** The server's region fields as the cascader reads them: the code is the value, the name the label. */
const FIELD_NAMES = { value: "code", label: "name", children: "children" } as const;

type Props = {
  /** The GB/T 2260 codes from the province down to the region chosen; fewer for a region chosen only so far. */
  value?: string[];
  onChange: (path: string[] | undefined) => void;
  /** 3: down to the district (a customer), 2: province and city (a supplier, a filter). */
  depth?: 2 | 3;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
};

/** 省/市/区 from the server's data set, searchable; any level may be the last one chosen. */
export function RegionCascader({ value, onChange, depth = 3, placeholder, testId, style }: Props) {
  const { t } = useTranslation();
  const regions = useRegions();
  // Below 768 px three columns must share the screen: names wrap instead of widening their column.
  const phone = Grid.useBreakpoint().md === false;
  const options = useMemo(() => (regions.data ? (depth === 3 ? regions.data : trimRegions(regions.data, depth)) : []), [regions.data, depth]);
  return (
    <Cascader
      options={options}
      fieldNames={FIELD_NAMES}
      value={value}
      onChange={(path) => onChange(path && path.length > 0 ? path.map(String) : undefined)}
      changeOnSelect
      allowClear
      showSearch={{ filter: regionSearchMatch, limit: 50 }}
      loading={regions.isPending}
      placeholder={placeholder ?? t("common:region.placeholder")}
      notFoundContent={regions.isError ? t("common:region.loadFailed") : undefined}
      // Three columns of antd's default width overflow a phone's screen; most names are short, and
      // the long ones (新疆维吾尔自治区, 黔东南苗族侗族自治州) wrap there.
      dropdownMenuColumnStyle={phone ? { minWidth: 88, maxWidth: 112 } : { minWidth: 88 }}
      optionRender={phone ? (option) => <span style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>{option.name}</span> : undefined}
      data-testid={testId}
      style={style}
    />
  );
}
