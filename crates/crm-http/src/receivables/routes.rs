use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::receivables::invoices::Invoices;
use crm_persistence::receivables::payments::Payments;
use crm_persistence::receivables::plans::PaymentPlans;

use super::handlers::*;
use super::reports::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::PAYMENTS_READ), list_payment_plans, __path_list_payment_plans)
        .sorted_by(kit::sort_names::<PaymentPlans>)
        .op(P(perms::PAYMENTS_EXPORT), export_payment_plans, __path_export_payment_plans)
        .sorted_by(kit::sort_names::<PaymentPlans>)
        .op(P(perms::PAYMENTS_CREATE), create_payment_plan, __path_create_payment_plan)
        .op(P(perms::PAYMENTS_CREATE), batch_payment_plans, __path_batch_payment_plans)
        .op(P(perms::PAYMENTS_READ), get_payment_plan, __path_get_payment_plan)
        .op(P(perms::PAYMENTS_UPDATE), update_payment_plan, __path_update_payment_plan)
        .op(P(perms::PAYMENTS_DELETE), delete_payment_plan, __path_delete_payment_plan)
        .op(P(perms::PAYMENTS_READ), list_payments, __path_list_payments)
        .sorted_by(kit::sort_names::<Payments>)
        .op(P(perms::PAYMENTS_EXPORT), export_payments, __path_export_payments)
        .sorted_by(kit::sort_names::<Payments>)
        .op(P(perms::PAYMENTS_CREATE), create_payment, __path_create_payment)
        .op(P(perms::PAYMENTS_CREATE), batch_payments, __path_batch_payments)
        .op(P(perms::PAYMENTS_READ), get_payment, __path_get_payment)
        .op(P(perms::PAYMENTS_UPDATE), update_payment, __path_update_payment)
        .op(P(perms::PAYMENTS_DELETE), delete_payment, __path_delete_payment)
        .op(P(perms::PAYMENTS_UPDATE), submit_payment, __path_submit_payment)
        .op(P(perms::INVOICES_READ), list_invoices, __path_list_invoices)
        .sorted_by(kit::sort_names::<Invoices>)
        .op(P(perms::INVOICES_EXPORT), export_invoices, __path_export_invoices)
        .sorted_by(kit::sort_names::<Invoices>)
        .op(P(perms::INVOICES_CREATE), create_invoice, __path_create_invoice)
        .op(P(perms::INVOICES_CREATE), batch_invoices, __path_batch_invoices)
        .op(P(perms::INVOICES_READ), get_invoice, __path_get_invoice)
        .op(P(perms::INVOICES_UPDATE), update_invoice, __path_update_invoice)
        .op(P(perms::INVOICES_DELETE), delete_invoice, __path_delete_invoice)
        .op(P(perms::INVOICES_UPDATE), submit_invoice, __path_submit_invoice)
        .op(P(perms::INVOICES_UPDATE), void_invoice, __path_void_invoice)
        .op(P(perms::INVOICES_READ), customer_invoice_titles, __path_customer_invoice_titles)
        .op(P(perms::REPORTS_READ), contracts_report, __path_contracts_report)
        .op(P(perms::REPORTS_EXPORT), export_contracts_report, __path_export_contracts_report)
        .op(P(perms::REPORTS_READ), ageing_report, __path_ageing_report)
        .op(P(perms::REPORTS_EXPORT), export_ageing_report, __path_export_ageing_report)
        .op(P(perms::SETTINGS_READ), get_reminder_settings, __path_get_reminder_settings)
        .op(P(perms::SETTINGS_UPDATE), put_reminder_settings, __path_put_reminder_settings);
}
