import { useState } from "react";
import { Button, Col, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { RegionCascader } from "../../../shared/regions/RegionCascader";
import { regionPath } from "../../../shared/regions/regions";
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

  return (
    <>
      <Form.Item
        label={t("customers:fields.region")}
        extra={unknown ? t("customers:region.notInData") : undefined}
        style={showText ? { marginBottom: 8 } : undefined}
      >
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <RegionCascader
            value={path ?? undefined}
            onChange={(next) => form.setFieldsValue({ province: next?.[0], city: next?.[1], district: next?.[2] })}
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
