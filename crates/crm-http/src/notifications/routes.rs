use crm_domain::permissions::Access;
use crm_persistence::notifications;

use super::handlers::*;
use crate::guard::Routes;

/// Everyone's own notifications; API tokens are refused (a person's inbox).
pub fn mount(r: &mut Routes) {
    r.op(Access::Session, list_notifications, __path_list_notifications)
        .sorted_by(notifications::sort_names)
        .op(Access::Session, unread_count, __path_unread_count)
        .op(Access::Session, read_all, __path_read_all)
        .op(Access::Session, read_notification, __path_read_notification)
        .op(Access::Session, get_notification_settings, __path_get_notification_settings)
        .op(Access::Session, put_notification_settings, __path_put_notification_settings);
}
