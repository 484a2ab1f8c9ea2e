crate::record_table!("saved_views" without created_by {
    pub user_id: Uuid,
    pub resource: String,
    pub name: String,
    /// An object of query parameters, each a string.
    pub query: Json,
    /// Column keys, in order.
    pub columns: Json,
    pub is_default: bool,
});
