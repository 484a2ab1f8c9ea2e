use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::sales_docs::{Orders, Quotes};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::QUOTES_READ), list_quotes, __path_list_quotes)
        .sorted_by(kit::sort_names::<Quotes>)
        .op(P(perms::QUOTES_EXPORT), export_quotes, __path_export_quotes)
        .sorted_by(kit::sort_names::<Quotes>)
        .op(P(perms::QUOTES_CREATE), create_quote, __path_create_quote)
        .op(P(perms::QUOTES_CREATE), batch_quotes, __path_batch_quotes)
        .op(P(perms::QUOTES_READ), get_quote, __path_get_quote)
        .op(P(perms::QUOTES_UPDATE), update_quote, __path_update_quote)
        .op(P(perms::QUOTES_DELETE), delete_quote, __path_delete_quote)
        .op(P(perms::QUOTES_UPDATE), transition_quote, __path_transition_quote)
        .op(P(perms::QUOTES_READ), quote_pdf, __path_quote_pdf)
        .op(P(perms::ORDERS_CREATE), order_from_quote, __path_order_from_quote)
        .op(P(perms::ORDERS_READ), list_orders, __path_list_orders)
        .sorted_by(kit::sort_names::<Orders>)
        .op(P(perms::ORDERS_EXPORT), export_orders, __path_export_orders)
        .sorted_by(kit::sort_names::<Orders>)
        .op(P(perms::ORDERS_CREATE), create_order, __path_create_order)
        .op(P(perms::ORDERS_CREATE), batch_orders, __path_batch_orders)
        .op(P(perms::ORDERS_READ), get_order, __path_get_order)
        .op(P(perms::ORDERS_UPDATE), update_order, __path_update_order)
        .op(P(perms::ORDERS_DELETE), delete_order, __path_delete_order)
        .op(P(perms::ORDERS_UPDATE), transition_order, __path_transition_order);
}
