import { lazy, Suspense, useState } from "react";
import { Button } from "antd";
import { SwapOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../auth/api";
import { IMPORT_PERMISSIONS } from "../fields";
import type { ImportEntity } from "../types";

// The wizard (upload, mapping, report) loads when first opened, not with the list page.
const ImportWizard = lazy(() => import("./ImportWizard"));

type Props = {
  entity: ImportEntity;
  testId?: string;
  /** The button's text; "Import" unless given. */
  label?: string;
  size?: "small" | "middle";
};

/** A list page's 导入 button: shown to those who may import the record type; opens the import wizard. */
export function ImportButton({ entity, testId = `${entity}-import`, label, size }: Props) {
  const { t } = useTranslation();
  const can = usePermission();
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps the drawer's animation.
  const [mounted, setMounted] = useState(false);
  if (!IMPORT_PERMISSIONS[entity].every((p) => can(p))) return null;
  return (
    <>
      <Button
        size={size}
        icon={<SwapOutlined />}
        data-testid={testId}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        {label ?? t("imports:actions.import")}
      </Button>
      {mounted && (
        <Suspense fallback={null}>
          <ImportWizard entity={entity} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
