import { useState } from "react";
import { Button, Col, Form, Input, Row, Space } from "antd";
import { useTranslation } from "react-i18next";
import { RegionCascader } from "./RegionCascader";
import type { RegionFormValues } from "./regionForm";
import { regionByCode, regionNames, regionPath, suggestRegion, type Region } from "./regions";
import { useRegions } from "./useRegions";

type Props = {
  /** 3: province, city and district (a customer); 2: province and city (a supplier). */
  depth: 2 | 3;
  /** The cascader's test id; the suggestion's and the text toggle's add `-suggestion` and `-type`. */
  testId: string;
  labels: { region: string; province: string; city: string; district?: string };
  /** Rules of the text fields (a length limit). */
  textRules?: { max: number }[];
};

const NAME_FIELDS = ["province", "city", "district"] as const;

/**
 * A record's region, picked from the server's data set and kept as the code of the deepest level
 * chosen (`region_code`), its names beside it. A record whose names the data set does not have
 * (typed before there was a picker, a place abroad) shows them in text fields, editable as they
 * are, with the region they most likely stand for offered; the text fields also open on request.
 * Typing a name lets go of the code: the names are then sent as typed.
 */
export function RegionFields({ depth, testId, labels, textRules }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<RegionFormValues>();
  const code = Form.useWatch("region_code", form);
  const province = Form.useWatch("province", form);
  const city = Form.useWatch("city", form);
  const district = Form.useWatch("district", form);
  const names = [province, city, district].slice(0, depth);
  const regions = useRegions();
  const [typing, setTyping] = useState(false);
  const filled = names.some((name) => name && name.trim() !== "");
  // A chosen code; else names that are exactly a path of the data set (typed, not yet saved).
  const path = regions.data ? (code ? regionByCode(regions.data, code) : regionPath(regions.data, names)) : null;
  const unknown = regions.isSuccess && filled && path === null;
  const showText = typing || unknown || regions.isError;
  // Short names ("江苏", "南京") most likely mean the one region they start; offered, not applied.
  const suggestion = unknown && regions.data ? suggestRegion(regions.data, names) : null;
  const fields = NAME_FIELDS.slice(0, depth);

  const pick = (chosen: Region[] | null) => {
    const picked = chosen ? regionNames(chosen) : [];
    form.setFieldsValue({
      region_code: chosen?.at(-1)?.code,
      ...Object.fromEntries(fields.map((field, i) => [field, picked[i]])),
    });
  };

  return (
    <>
      <Form.Item name="region_code" hidden noStyle>
        <Input />
      </Form.Item>
      <Form.Item
        label={labels.region}
        extra={
          unknown && (
            <Space size={4} wrap>
              {t("common:region.notInData")}
              {suggestion && (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => pick(suggestion)} data-testid={`${testId}-suggestion`}>
                  {t("common:region.useSuggestion", { region: regionNames(suggestion).join(" / ") })}
                </Button>
              )}
            </Space>
          )
        }
        style={showText ? { marginBottom: 8 } : undefined}
      >
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <RegionCascader
            depth={depth}
            value={path ? path.map((r) => r.code) : undefined}
            onChange={(codes) => pick(codes && regions.data ? regionByCode(regions.data, codes[codes.length - 1]) : null)}
            placeholder={depth === 2 ? t("common:region.placeholderCity") : undefined}
            testId={testId}
            style={{ flex: 1, minWidth: 0 }}
          />
          {!unknown && (
            <Button type="link" onClick={() => setTyping((on) => !on)} data-testid={`${testId}-type`} style={{ paddingInline: 4 }}>
              {typing ? t("common:region.hideText") : t("common:region.typeText")}
            </Button>
          )}
        </div>
      </Form.Item>
      {/* Always in the form (they hold the names); shown when there is text to edit by hand. */}
      <Row gutter={16} style={showText ? undefined : { display: "none" }}>
        {fields.map((field) => (
          <Col key={field} xs={24} sm={24 / depth}>
            <Form.Item name={field} label={labels[field]} rules={textRules}>
              {/* A name typed by hand is no longer the chosen region's: the names are sent instead. */}
              <Input onChange={() => form.setFieldValue("region_code", undefined)} data-testid={`${testId}-${field}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
