import { useState, type ReactNode } from "react";
import { App, Button, Popconfirm } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { ApiError } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { useMe, usePermission } from "../../auth/api";
import { usePoolMove } from "../api";
import { allowedPoolActions, type PoolAction } from "../pools";
import { ReasonModal } from "./ReasonModal";

const NEEDS_REASON: readonly PoolAction[] = ["release", "invalidate"];

/**
 * The pool moves for customers, shared by the list rows and the 360 header: `buttons(customer)`
 * renders the allowed ones, `modal` the reason dialog they open.
 */
export function usePoolActions(options: { size?: "small" | "middle"; link?: boolean } = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const { data: me } = useMe();
  const onProblem = useProblemHandler();
  const move = usePoolMove();
  const [asking, setAsking] = useState<{ customer: Customer; action: PoolAction } | null>(null);

  const run = (customer: Customer, action: PoolAction, reason?: string) =>
    move.mutate(
      { customer, action, reason },
      {
        onSuccess: () => {
          setAsking(null);
          message.success(t(`customers:pool.done.${action}`, { name: customer.name }));
        },
        onError: (error) => {
          if (error instanceof ApiError && action === "claim" && (error.status === 404 || error.status === 409)) {
            // Someone else was faster; the list has been refreshed to show it.
            setAsking(null);
            return void message.warning(t("customers:pool.claimLost"));
          }
          if (error instanceof ApiError && error.status === 409) {
            setAsking(null);
            return void message.warning(t("customers:pool.changed"));
          }
          onProblem(error);
        },
      },
    );

  const buttons = (customer: Customer): ReactNode[] =>
    allowedPoolActions(customer.pool, (p) => can(p), me?.data_scope === "all").map((action) => {
      const common = {
        size: options.size ?? "small",
        type: options.link ? ("link" as const) : ("default" as const),
        danger: action === "invalidate",
        "data-testid": `customer-${action}`,
      };
      const label = t(`customers:pool.actions.${action}`);
      if (NEEDS_REASON.includes(action)) {
        return (
          <Button key={action} {...common} onClick={() => setAsking({ customer, action })}>
            {label}
          </Button>
        );
      }
      return (
        <Popconfirm
          key={action}
          title={t(`customers:pool.confirm.${action}`, { name: customer.name })}
          okText={t("common:confirm.yes")}
          cancelText={t("common:confirm.no")}
          okButtonProps={{ "data-testid": `customer-${action}-ok` }}
          onConfirm={() => run(customer, action)}
        >
          <Button {...common} loading={move.isPending && move.variables?.customer.id === customer.id && move.variables.action === action}>
            {label}
          </Button>
        </Popconfirm>
      );
    });

  const modal = (
    <ReasonModal
      open={!!asking}
      title={asking ? t(`customers:pool.reasonTitle.${asking.action}`, { name: asking.customer.name }) : ""}
      loading={move.isPending}
      onClose={() => setAsking(null)}
      onSubmit={(reason) => asking && run(asking.customer, asking.action, reason)}
    />
  );

  return { buttons, modal };
}
