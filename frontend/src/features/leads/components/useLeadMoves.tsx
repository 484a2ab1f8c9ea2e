import { useState } from "react";
import { App, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/problem";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useServerFieldErrors } from "../../../shared/resource/serverFieldErrors";
import { useAssignLeads, useClaimLead, useReleaseLead, type Lead } from "../api";

type AssignValues = { owner_id: string };
type ReleaseValues = { reason?: string };

/**
 * The pool moves on leads, shared by the list and the lead's page: `claim` (a colleague faster
 * is told so), `askRelease` (a dialog with an optional reason), `askAssign` (a dialog choosing
 * the owner, for one lead or a selection); `modals` renders the dialogs.
 */
export function useLeadMoves({ onAssigned }: { onAssigned?: () => void } = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const claimMutation = useClaimLead();
  const releaseMutation = useReleaseLead();
  const assignMutation = useAssignLeads();
  const [releasing, setReleasing] = useState<Lead | null>(null);
  const [assigning, setAssigning] = useState<readonly Lead[] | null>(null);
  const [releaseForm] = Form.useForm<ReleaseValues>();
  const [assignForm] = Form.useForm<AssignValues>();
  const assignErrors = useServerFieldErrors(assignForm);

  const claim = (lead: Lead) =>
    claimMutation.mutateAsync(lead).then(
      () => void message.success(t("leads:pool.claimed", { name: lead.name })),
      (error: unknown) => {
        // Of two claims at once one wins; the other hears it was taken (the list has refreshed).
        if (error instanceof ApiError && error.status === 409 && error.problem.code === "lead.already_owned") return void message.warning(t("leads:pool.claimLost"));
        onProblem(error);
      },
    );

  const release = (values: ReleaseValues) => {
    if (!releasing) return;
    const lead = releasing;
    releaseMutation.mutate(
      { lead, reason: values.reason?.trim() || undefined },
      {
        onSuccess: () => {
          setReleasing(null);
          message.success(t("leads:pool.released", { name: lead.name }));
        },
        onError: (error) => onProblem(error),
      },
    );
  };

  const assign = (values: AssignValues) => {
    if (!assigning) return;
    assignMutation.mutate(
      { lead_ids: assigning.map((l) => l.id), owner_id: values.owner_id },
      {
        onSuccess: (result) => {
          message.success(t("leads:pool.assigned", { count: result.items.length, owner: result.items[0]?.owner_name ?? "" }));
          setAssigning(null);
          onAssigned?.();
        },
        onError: (error) => assignErrors.onError(error),
      },
    );
  };

  const modals = (
    <>
      <Modal
        open={!!releasing}
        title={releasing ? t("leads:pool.releaseTitle", { name: releasing.name }) : ""}
        onCancel={() => setReleasing(null)}
        onOk={() => releaseForm.submit()}
        okText={t("common:confirm.yes")}
        cancelText={t("common:actions.cancel")}
        confirmLoading={releaseMutation.isPending}
        okButtonProps={{ "data-testid": "lead-release-ok" }}
        destroyOnHidden
      >
        <Form<ReleaseValues> form={releaseForm} layout="vertical" preserve={false} onFinish={release}>
          <Form.Item name="reason" label={t("leads:pool.reason")}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="lead-release-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!assigning}
        title={assigning ? t("leads:pool.assignTitle", { count: assigning.length }) : ""}
        onCancel={() => setAssigning(null)}
        onOk={() => assignForm.submit()}
        okText={t("common:confirm.yes")}
        cancelText={t("common:actions.cancel")}
        confirmLoading={assignMutation.isPending}
        okButtonProps={{ "data-testid": "lead-assign-ok" }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          {(assigning ?? []).map((l) => l.name).join("、")}
        </Typography.Paragraph>
        <Form<AssignValues> form={assignForm} layout="vertical" preserve={false} onFinish={assign} onValuesChange={assignErrors.onValuesChange}>
          <Form.Item name="owner_id" label={t("leads:pool.assignOwner")} rules={[{ required: true, message: t("leads:pool.assignOwnerRequired") }]}>
            <UserPicker data-testid="lead-assign-owner" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );

  return {
    claim,
    claiming: (lead: Lead) => claimMutation.isPending && claimMutation.variables?.id === lead.id,
    askRelease: (lead: Lead) => setReleasing(lead),
    askAssign: (leads: readonly Lead[]) => setAssigning(leads),
    modals,
  };
}
