import { Card, Col, Descriptions, Row, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { roleName } from "../../../shared/systemText";
import { useMe } from "../api";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { NotificationSettings } from "../components/NotificationSettings";
import { focusEmailField, focusPhoneField, ProfileForm } from "../components/ProfileForm";
import { TimeZoneSetting } from "../components/TimeZoneSetting";

export function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const none = t("common:values.none");
  return (
    <Row gutter={[24, 24]}>
      <Col span={24}>
        <Card title={t("profile:info")}>
          <Descriptions column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t("profile:fields.username")}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.display_name")}>{me.display_name}</Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.email")}>{me.email || none}</Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.phone")}>{me.phone || none}</Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.roles")}>
              {me.roles.length ? me.roles.map((r) => <Tag key={r.id}>{roleName(t, r.name)}</Tag>) : none}
            </Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.data_scope")}>
              {t(`common:dataScope.${me.data_scope}`, { defaultValue: me.data_scope })}
            </Descriptions.Item>
            <Descriptions.Item label={t("profile:fields.last_login_at")}>{formatDateTime(me.last_login_at, none)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t("profile:edit")}>
          <ProfileForm me={me} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t("profile:changePassword")}>
          <ChangePasswordForm />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t("profile:timeZone.title")}>
          <TimeZoneSetting />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t("profile:notifications.title")} id="notification-settings">
          <NotificationSettings email={me.email} phone={me.phone} onAddEmail={focusEmailField} onAddPhone={focusPhoneField} />
        </Card>
      </Col>
    </Row>
  );
}
