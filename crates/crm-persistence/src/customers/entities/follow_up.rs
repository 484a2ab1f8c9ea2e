crate::record_table!("follow_ups" without created_by {
    /// The customer it was with; set on a lead's follow-up when the lead converts.
    pub customer_id: Option<Uuid>,
    /// The lead it was with (SAL-1); kept after the lead converts.
    pub lead_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    /// The opportunity it works, one of the customer's (SAL-4).
    pub opportunity_id: Option<Uuid>,
    pub kind: String,
    pub content: String,
    pub occurred_at: DateTimeUtc,
    pub next_follow_up_at: Option<DateTimeUtc>,
    pub participant_ids: Json,
    /// Who recorded it.
    pub owner_id: Uuid,
});
