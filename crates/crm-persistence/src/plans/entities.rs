pub mod plan {
    crate::record_table!("sales_plans" {
        pub owner_id: Uuid,
        /// `2026-12`, `2026-Q4` or `2026`.
        pub period: String,
        pub period_start: Date,
        /// The day after the period.
        pub period_end: Date,
        pub target_minor: i64,
        pub planned_customers: Option<i32>,
        pub content: Option<String>,
    });
}

pub mod report {
    crate::record_table!("weekly_reports" {
        pub owner_id: Uuid,
        /// `2026-W49`.
        pub week: String,
        /// The week's Monday.
        pub week_start: Date,
        pub summary: String,
        pub next_week_plan: Option<String>,
        /// Counted by the server when the report was written or last changed.
        pub new_customers: i64,
        pub follow_ups: i64,
        pub new_opportunities: i64,
        pub won_minor: i64,
        pub comment: Option<String>,
        pub commented_by: Option<Uuid>,
        pub commented_at: Option<DateTimeUtc>,
    });
}
