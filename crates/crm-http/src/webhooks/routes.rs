use crm_domain::permissions::{perms, Access};
use crm_persistence::kit;
use crm_persistence::webhooks::{deliver, Webhooks};

use super::handlers::*;
use crate::guard::Routes;

pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::WEBHOOKS_READ), list_webhooks, __path_list_webhooks)
        .sorted_by(kit::sort_names::<Webhooks>)
        .op(P(perms::WEBHOOKS_READ), webhook_events, __path_webhook_events)
        .op(P(perms::WEBHOOKS_CREATE), create_webhook, __path_create_webhook)
        .op(P(perms::WEBHOOKS_CREATE), batch_webhooks, __path_batch_webhooks)
        .op(P(perms::WEBHOOKS_READ), get_webhook, __path_get_webhook)
        .op(P(perms::WEBHOOKS_UPDATE), update_webhook, __path_update_webhook)
        .op(P(perms::WEBHOOKS_DELETE), delete_webhook, __path_delete_webhook)
        .op(P(perms::WEBHOOKS_READ), list_deliveries, __path_list_deliveries)
        .sorted_by(deliver::sort_names)
        .op(P(perms::WEBHOOKS_UPDATE), resend_delivery, __path_resend_delivery)
        .op(P(perms::WEBHOOKS_UPDATE), test_webhook, __path_test_webhook)
        .op(P(perms::SETTINGS_READ), get_webhook_settings, __path_get_webhook_settings)
        .op(P(perms::SETTINGS_UPDATE), put_webhook_settings, __path_put_webhook_settings);
}
