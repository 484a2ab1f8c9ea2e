import { lazy, Suspense, type ComponentType } from "react";
import { Skeleton } from "antd";

// The money parts a contract's and a customer's pages show load when shown, in the payments
// pages' chunk, not with those pages. Mount these rather than the components themselves.
const load = () => import("../pages/receivablesPages");
type Parts = Awaited<ReturnType<typeof load>>;

function lazyPart<P extends object>(pick: (parts: Parts) => ComponentType<P>, rows = 4) {
  const Part = lazy(() => load().then((parts) => ({ default: pick(parts) })));
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={<Skeleton active paragraph={{ rows }} />}>
        <Part {...props} />
      </Suspense>
    );
  };
}

/** 回款计划 tab of a contract: `<LazyContractPlansTab contractId={c.id} contract={c} />`. */
export const LazyContractPlansTab = lazyPart((m) => m.ContractPlansTab);
/** 回款 tab of a contract: `<LazyContractPaymentsTab contractId={c.id} contract={c} />`. */
export const LazyContractPaymentsTab = lazyPart((m) => m.ContractPaymentsTab);
/** 发票 tab of a contract: `<LazyContractInvoicesTab contractId={c.id} contract={c} />`. */
export const LazyContractInvoicesTab = lazyPart((m) => m.ContractInvoicesTab);
/** The contract's received / outstanding / invoiced / overdue figures: `<LazyContractMoneySummary contract={c} />`. */
export const LazyContractMoneySummary = lazyPart((m) => m.ContractMoneySummary, 1);
/** 回款 tab of the customer 360 page: `<LazyCustomerPaymentsTab customerId={c.id} />`. */
export const LazyCustomerPaymentsTab = lazyPart((m) => m.CustomerPaymentsTab);
/** 发票 tab of the customer 360 page: `<LazyCustomerInvoicesTab customerId={c.id} />`. */
export const LazyCustomerInvoicesTab = lazyPart((m) => m.CustomerInvoicesTab);
