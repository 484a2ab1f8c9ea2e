import { lazy, Suspense, type ComponentProps } from "react";
import { Skeleton } from "antd";

// The amendment parts load when shown, each in a chunk of its own: the contract's page opens the
// drawer and the tab, an approval's page the table of what an amendment changes.
const AmendContractDrawer = lazy(() => import("./AmendContractDrawer").then((m) => ({ default: m.AmendContractDrawer })));
const ContractAmendments = lazy(() => import("./ContractAmendments").then((m) => ({ default: m.ContractAmendments })));
const AmendmentChanges = lazy(() => import("./AmendmentChanges").then((m) => ({ default: m.AmendmentChanges })));

/** The 变更合同 drawer, mounted once it is first opened. */
export function LazyAmendContractDrawer(props: ComponentProps<typeof AmendContractDrawer>) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <AmendContractDrawer {...props} />
    </Suspense>
  );
}

/** The contract's 合同变更 tab. */
export function LazyContractAmendments(props: ComponentProps<typeof ContractAmendments>) {
  return (
    <Suspense fallback={<Skeleton active />}>
      <ContractAmendments {...props} />
    </Suspense>
  );
}

/** What an amendment changes, before → after. */
export function LazyAmendmentChanges(props: ComponentProps<typeof AmendmentChanges>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
      <AmendmentChanges {...props} />
    </Suspense>
  );
}
