import { useEffect } from "react";
import { Col, Form, Input, Row, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { FollowUp } from "../../../api/types";
import { DateTimeInput } from "../../../shared/components/DateTimeInput";
import { UserPicker } from "../../../shared/components/UserPicker";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { usePermission } from "../../auth/api";
import { AttachmentPicker, useAttachments } from "../../drive/components/AttachmentPicker";
import { followUpsApi, useDictionary, useSubjectContacts } from "../api";
import { dictionaryOptions } from "../dictionary";
import { followUpFormValues, followUpPatch, newFollowUpBody, type FollowUpFormValues } from "../followUpForm";
import { subjectCustomerId, type FollowUpSubject } from "../followUpSubject";
import { NextFollowUpInput } from "./NextFollowUpInput";

type Props = {
  open: boolean;
  /** The customer or the lead the follow-up is with. */
  subject: FollowUpSubject;
  /** The follow-up to correct; null logs a new one. */
  followUp: FollowUp | null;
  onClose: () => void;
  /**
   * The customer's name, for a composer opened away from the customer's page (the workbench): the
   * title then says whom the follow-up is for.
   */
  customerName?: string;
  /** After a successful save (and its own query invalidations): a host refreshes what it shows. */
  onSaved?: () => void;
};

/**
 * 写跟进: logs what happened with the customer or lead and when to get back to them, or corrects a
 * logged follow-up (If-Match with its version). Saving refreshes the timeline, the follow-ups, the
 * customer's follow-up times, the lead's status and the lists (follow-up writes invalidate
 * "follow-ups", "customers" and "leads"). The customer's page hosts it, the lead's page too, and so
 * does the workbench's 写跟进 (with `customerName` and `onSaved`, to refresh its cards): one form
 * for every place.
 */
export function FollowUpComposer({ open, subject, followUp, onClose, customerName, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const [form] = Form.useForm<FollowUpFormValues>();
  const kinds = useDictionary("follow_up_type");
  // A lead has no contacts yet: converting it makes one and gives its follow-ups to it.
  const withContact = subjectCustomerId(subject) !== undefined;
  const contacts = useSubjectContacts(subject, open && can("contacts:read"));
  const create = followUpsApi.useCreate();
  const update = followUpsApi.useUpdate();

  const kindOptions = dictionaryOptions(kinds.data, i18n.language, followUp?.kind);
  // A new follow-up starts with the first kind in the dictionary's order (the usual one, a call).
  const firstKind = kindOptions[0]?.value;
  const initialValues = followUp ? followUpFormValues(followUp) : { ...followUpFormValues(null), kind: firstKind };

  // Opened before the dictionary has loaded (from the workbench, where nothing else asked for it),
  // a new follow-up gets the first kind once it arrives, unless the user has picked one already.
  useEffect(() => {
    if (open && !followUp && firstKind && !form.getFieldValue("kind")) form.setFieldsValue({ kind: firstKind });
  }, [open, followUp, firstKind, form]);

  // A lead's page has no files tab, so an attachment would be out of sight until the lead converts.
  const mayAttach = can("files:create") && withContact;
  const attachments = useAttachments();
  const { setFiles } = attachments;
  // Each opening starts without attachments.
  useEffect(() => {
    if (open) setFiles([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setFiles is a new closure each render
  }, [open, followUp?.id]);

  // The attachments go up once the follow-up exists (they hang off its id); one that fails is
  // said, and the follow-up stays saved: it can be uploaded again on the customer's Files tab.
  const submit = async (values: FollowUpFormValues) => {
    const saved = followUp
      ? await update.mutateAsync({ record: followUp, patch: followUpPatch(subject, values) })
      : await create.mutateAsync(newFollowUpBody(subject, values, form.isFieldTouched("occurred_at")));
    if (mayAttach) await attachments.uploadTo("follow_up", saved.id);
    return saved;
  };

  return (
    <ResourceFormDrawer<FollowUpFormValues>
      open={open}
      title={
        followUp
          ? t("customers:composer.editTitle")
          : customerName
            ? t("customers:composer.createTitleFor", { name: customerName })
            : t("customers:composer.createTitle")
      }
      onClose={onClose}
      form={form}
      recordKey={followUp?.id ?? "new"}
      initialValues={initialValues}
      onSubmit={submit}
      onSaved={onSaved ? () => onSaved() : undefined}
      successMessage={followUp ? t("customers:composer.saved") : t("customers:followUps.added")}
      saveTestId="follow-up-save"
    >
      <Row gutter={12}>
        <Col xs={24} sm={withContact ? 12 : 24}>
          <Form.Item name="kind" label={t("customers:followUps.fields.kind")} rules={[{ required: true, message: t("customers:composer.kindRequired") }]}>
            <Select options={kindOptions} loading={kinds.isPending} data-testid="follow-up-kind" />
          </Form.Item>
        </Col>
        {withContact && (
          <Col xs={24} sm={12}>
            <Form.Item name="contact_id" label={t("customers:followUps.fields.contact")}>
              <Select
                allowClear
                loading={contacts.isPending && contacts.fetchStatus !== "idle"}
                options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
                notFoundContent={t("customers:composer.noContacts")}
                data-testid="follow-up-contact"
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="content" label={t("customers:followUps.fields.content")} rules={[{ required: true, whitespace: true, message: t("customers:composer.contentRequired") }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} data-testid="follow-up-content" />
      </Form.Item>
      <Form.Item name="occurred_at" label={t("customers:followUps.fields.occurred_at")} extra={followUp ? undefined : t("customers:composer.occurredHint")}>
        <DateTimeInput allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="follow-up-occurred" />
      </Form.Item>
      <Form.Item name="next_follow_up_at" label={t("customers:followUps.fields.next_follow_up_at")}>
        <NextFollowUpInput />
      </Form.Item>
      <Form.Item name="participant_ids" label={t("customers:composer.participants")} extra={t("customers:composer.participantsHint")}>
        <UserPicker multiple data-testid="follow-up-participants" />
      </Form.Item>
      {mayAttach && <AttachmentPicker attachments={attachments} enabled={open} />}
    </ResourceFormDrawer>
  );
}
