import { useState } from "react";
import { Button, Col, Form, Input, Row, Space } from "antd";
import { useTranslation } from "react-i18next";
import { RegionCascader } from "../../../shared/regions/RegionCascader";
import { regionPath, suggestRegion } from "../../../shared/regions/regions";
import { useRegions } from "../../../shared/regions/useRegions";

type RegionValues = { province?: string; city?: string; district?: string };

/**
 * The customer's province, city and district: picked from the data set, stored as names. A value
 * the data set does not have (typed before there was a picker, a place abroad) shows in text
 * fields, editable as it is; they also open on request.
 */
export function RegionFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<RegionValues>();
  const province = Form.useWatch("province", form);
  const city = Form.useWatch("city", form);
  const district = Form.useWatch("district", form);
  const regions = useRegions();
  const [typing, setTyping] = useState(false);
  const filled = [province, city, district].some((name) => name && name.trim() !== "");
  const path = regions.data ? regionPath(regions.data, [province, city, district]) : null;
  const unknown = regions.isSuccess && filled && path === null;
  const showText = typing || unknown || regions.isError;
  // Short names ("江苏", "南京") most likely mean the one region they start; offered, not applied.
  const suggestion = unknown && regions.data ? suggestRegion(regions.data, [province, city, district]) : null;
  const pick = (next: string[] | undefined) => form.setFieldsValue({ province: next?.[0], city: next?.[1], district: next?.[2] });

  return (
    <>
      <Form.Item
        label={t("customers:fields.region")}
        extra={
          unknown && (
            <Space size={4} wrap>
              {t("customers:region.notInData")}
              {suggestion && (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => pick(suggestion)} data-testid="customer-region-suggestion">
                  {t("customers:region.useSuggestion", { region: suggestion.join(" / ") })}
                </Button>
              )}
            </Space>
          )
        }
        style={showText ? { marginBottom: 8 } : undefined}
      >
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <RegionCascader
            value={path ?? undefined}
            onChange={pick}
            testId="customer-region"
            style={{ flex: 1, minWidth: 0 }}
          />
          {!unknown && (
            <Button type="link" onClick={() => setTyping((on) => !on)} data-testid="customer-region-type" style={{ paddingInline: 4 }}>
              {typing ? t("customers:region.hideText") : t("customers:region.typeText")}
            </Button>
          )}
        </div>
      </Form.Item>
      {/* Always in the form (they hold the values); shown when there is text to edit by hand. */}
      <Row gutter={16} style={showText ? undefined : { display: "none" }}>
        <Col xs={24} sm={8}>
          <Form.Item name="province" label={t("customers:fields.province")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="city" label={t("customers:fields.city")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="district" label={t("customers:fields.district")}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
