import { Form, Input, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import type { CustomerGroup } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { customerGroupsApi } from "../api";

export type GroupFormValues = { name: string; description?: string; shared: boolean };

function formValues(group: CustomerGroup | null): Partial<GroupFormValues> {
  if (!group) return { shared: false };
  return { name: group.name, description: group.description ?? undefined, shared: group.shared };
}

type Props = { open: boolean; group: CustomerGroup | null; onClose: () => void; onCreated?: (group: CustomerGroup) => void };

/** Creates or edits a group: its name, description and whether it is shared. */
export function GroupFormDrawer({ open, group, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const create = customerGroupsApi.useCreate();
  const update = customerGroupsApi.useUpdate();

  const submit = (values: GroupFormValues) => {
    const description = values.description?.trim();
    // An emptied description clears it (null), as the API's patch reads absent as "keep".
    const body = { name: values.name.trim(), description: description ? description : null, shared: values.shared };
    return group ? update.mutateAsync({ record: group, patch: body }) : create.mutateAsync(body);
  };

  return (
    <ResourceFormDrawer<GroupFormValues, CustomerGroup>
      open={open}
      title={group ? t("customerGroups:editTitle", { name: group.name }) : t("customerGroups:createTitle")}
      onClose={onClose}
      initialValues={formValues(group)}
      recordKey={group}
      onSubmit={submit}
      onSaved={(saved) => !group && onCreated?.(saved)}
      successMessage={t(group ? "common:messages.saved" : "common:messages.created")}
      saveTestId="group-save"
      width={520}
      explainProblem={(error, form) => {
        // The server's words are English; the form says it in the user's language, on the name.
        if (!(error instanceof ApiError) || error.problem.code !== "customer_group.duplicate") return false;
        form.setFields([{ name: "name", errors: [t("customerGroups:form.duplicate")] }]);
        return true;
      }}
    >
      <Form.Item name="name" label={t("customerGroups:fields.name")} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input data-testid="group-name" autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label={t("customerGroups:fields.description")} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} data-testid="group-description" />
      </Form.Item>
      <Form.Item name="shared" label={t("customerGroups:fields.shared")} valuePropName="checked" extra={t("customerGroups:form.sharedHelp")}>
        <Switch data-testid="group-shared" />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
