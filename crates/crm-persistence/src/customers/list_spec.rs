use sea_orm::Order;

use super::entities::customer::{Column as C, Entity};
use crate::listing::{FieldKind, Filter, ListSpec, TextIndex};

/// What the customer list filters and sorts on; each has an index (see the migrations).
/// The fields the customer list sorts by.
pub fn sort_names() -> Vec<&'static str> {
    spec().sort_names()
}

pub fn spec() -> ListSpec<Entity> {
    let f = |name, column, kind, range| Filter { name, column, kind, range };
    ListSpec {
        filters: vec![
            // Chosen rows, for "export selected": the primary key serves any number of them.
            f("id", C::Id, FieldKind::Uuid, false),
            f("kind", C::Kind, FieldKind::Text, false),
            f("industry", C::Industry, FieldKind::Text, false),
            f("source", C::Source, FieldKind::Text, false),
            f("level", C::Level, FieldKind::Text, false),
            f("region_code", C::RegionCode, FieldKind::Region, false),
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
        // `q` covers name, code, phone, e-mail and the contacts' names and phones (CUS-4)
        // through the one indexed search column that `search::refresh` keeps current.
        search: vec![],
        search_index: Some(TextIndex { column: C::SearchText, key: C::Seq, fts_table: "customers_fts" }),
        default_sort: vec![(C::UpdatedAt, Order::Desc)],
        tie_breaker: C::Id,
    }
}
