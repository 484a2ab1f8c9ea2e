crate::record_table!("product_categories" {
    pub name: String,
    pub name_norm: String,
    pub parent_id: Option<Uuid>,
    /// `parent_id` as text, '' at the top: the key of the sibling-name unique index.
    pub parent_key: String,
    pub code: String,
    pub sort_order: i32,
    pub remark: Option<String>,
});
