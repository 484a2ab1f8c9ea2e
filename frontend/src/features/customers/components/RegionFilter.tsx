import { Form, Input } from "antd";
import { RegionCascader } from "../../../shared/regions/RegionCascader";

type RegionFilterValues = { province?: string; city?: string };

/**
 * The list's province / city filter as one cascader; the form keeps the two values under their
 * own names, as the list's URL and saved views do.
 */
export function RegionFilter({ placeholder, testId }: { placeholder?: string; testId?: string }) {
  const form = Form.useFormInstance<RegionFilterValues>();
  const province = Form.useWatch("province", form);
  const city = Form.useWatch("city", form);
  // A filter from a link or an older view shows as it is, even when the data set lacks it.
  const value = [province, city].filter((name): name is string => !!name && name.trim() !== "");
  return (
    <>
      <Form.Item name="province" hidden noStyle>
        <Input />
      </Form.Item>
      <Form.Item name="city" hidden noStyle>
        <Input />
      </Form.Item>
      <RegionCascader
        depth={2}
        value={value.length > 0 ? value : undefined}
        onChange={(path) => form.setFieldsValue({ province: path?.[0], city: path?.[1] })}
        placeholder={placeholder}
        testId={testId}
        style={{ width: 220, maxWidth: "100%" }}
      />
    </>
  );
}
