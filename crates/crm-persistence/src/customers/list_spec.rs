use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, Order};

use super::entities::contact;

use super::entities::customer::{Column as C, Entity};
use crate::listing::{contains_ci, FieldKind, Filter, ListSpec};

/// What the customer list filters and sorts on; each has an index (see the migration).
pub fn spec() -> ListSpec<Entity> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            f("kind", C::Kind, FieldKind::Text, false),
            f("industry", C::Industry, FieldKind::Text, false),
            f("source", C::Source, FieldKind::Text, false),
            f("level", C::Level, FieldKind::Text, false),
            f("province", C::Province, FieldKind::Text, false),
            f("city", C::City, FieldKind::Text, false),
            f("owner_id", C::OwnerId, FieldKind::Uuid, false),
            f("deal_status", C::DealStatus, FieldKind::Text, false),
            f("created_at", C::CreatedAt, FieldKind::Timestamp, true),
            f("next_follow_up_at", C::NextFollowUpAt, FieldKind::Timestamp, true),
        ],
        sorts: vec![
            ("name", C::Name),
            ("code", C::Code),
            ("created_at", C::CreatedAt),
            ("updated_at", C::UpdatedAt),
            ("last_follow_up_at", C::LastFollowUpAt),
            ("next_follow_up_at", C::NextFollowUpAt),
        ],
        search: vec![C::Name, C::Code, C::Phone, C::Email],
        search_related: vec![contact_matches],
        default_sort: vec![(C::UpdatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}


/// Customers whose live contacts' name, phone or mobile matches: people search for a
/// company by the person they talk to (CUS-4).
fn contact_matches(q: &str) -> SimpleExpr {
    let any = Condition::any()
        .add(contains_ci(contact::Column::Name, q))
        .add(contains_ci(contact::Column::Phone, q))
        .add(contains_ci(contact::Column::Mobile, q));
    C::Id.in_subquery(
        Query::select()
            .column(contact::Column::CustomerId)
            .from(contact::Entity)
            .cond_where(Condition::all().add(contact::Column::DeletedAt.is_null()).add(any))
            .to_owned(),
    )
}
