import { Form, Input } from "antd";
import { RegionCascader } from "./RegionCascader";
import { regionByCode, regionPath } from "./regions";
import { useRegions } from "./useRegions";

/** A list's region filter as its search form holds it: a code, or (from an older link or view) names. */
export type RegionFilterValues = { region_code?: string; province?: string; city?: string };

/**
 * A list's province / city filter as one cascader, kept as the code of the region chosen
 * (`region_code`, which matches everything inside it). A link or saved view from before codes
 * filters by `province` / `city` names; those stay as they are until another region is chosen.
 */
export function RegionFilter({ placeholder, testId }: { placeholder?: string; testId?: string }) {
  const form = Form.useFormInstance<RegionFilterValues>();
  const code = Form.useWatch("region_code", form);
  const province = Form.useWatch("province", form);
  const city = Form.useWatch("city", form);
  const regions = useRegions();
  const names = [province, city].filter((name): name is string => !!name && name.trim() !== "");
  const value = (() => {
    if (code) return regions.data ? (regionByCode(regions.data, code)?.map((r) => r.code) ?? [code]) : undefined;
    if (names.length === 0) return undefined;
    // Names the data set has show as their region; others as they are (the cascader shows an unknown value's text).
    return (regions.data && regionPath(regions.data, [province, city])?.map((r) => r.code)) || names;
  })();
  return (
    <>
      {(["region_code", "province", "city"] as const).map((name) => (
        <Form.Item key={name} name={name} hidden noStyle>
          <Input />
        </Form.Item>
      ))}
      <RegionCascader
        depth={2}
        value={value}
        onChange={(path) => form.setFieldsValue({ region_code: path?.at(-1), province: undefined, city: undefined })}
        placeholder={placeholder}
        testId={testId}
        style={{ width: 220, maxWidth: "100%" }}
      />
    </>
  );
}
